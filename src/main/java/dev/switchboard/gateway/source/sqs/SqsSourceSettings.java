package dev.switchboard.gateway.source.sqs;

import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.sink.sqs.SqsClientSettings;
import java.net.URI;
import java.util.Set;

/**
 * The {@link SqsClientSettings} fields (queue, region, endpoint, keys), {@code wait_time_seconds} (long poll, 0 to
 * 20, default 20), {@code visibility_timeout_sec} (how long a received message stays hidden while its handler runs,
 * default 30) and {@code dead_letter} (a queue URL; default none).
 */
record SqsSourceSettings(SqsClientSettings client, int waitTimeSeconds, int visibilityTimeoutSec, URI deadLetter) {
  static SqsSourceSettings from(SinkConfig c) {
    SqsClientSettings client = SqsClientSettings.from(c);
    int wait = (int) c.integer("wait_time_seconds", 20, 0, 20);
    int visibility = (int) c.integer("visibility_timeout_sec", 30, 1, 43_200);
    URI deadLetter = c.node("dead_letter") == null ? null : c.url("dead_letter", null, Set.of("http", "https"));
    return new SqsSourceSettings(client, wait, visibility, deadLetter);
  }
}
