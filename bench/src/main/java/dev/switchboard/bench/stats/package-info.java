/**
 * Measurement helpers: the latency stamp carried in event data, HdrHistogram-based latency recording, and
 * /proc sampling of the server process (RSS, CPU). No Netty channels here, only buffers.
 */
package dev.switchboard.bench.stats;
