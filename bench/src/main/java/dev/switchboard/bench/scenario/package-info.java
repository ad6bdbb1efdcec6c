/**
 * The scenarios S1-S7, one class each, and the helpers they share: bounded-concurrency bulk actions,
 * subscribe-with-auth, closed-loop HTTP publishers, the delivery counter, and the fan-out ramp that S3a, S3b
 * and S7 run with different settings.
 */
package dev.switchboard.bench.scenario;
