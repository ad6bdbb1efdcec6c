/** A minimal blocking Redis (RESP2) client: enough to read back and delete the gateway scenario's stream. */
package dev.switchboard.bench.redis;
