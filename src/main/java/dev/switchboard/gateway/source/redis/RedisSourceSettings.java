package dev.switchboard.gateway.source.redis;

import dev.switchboard.gateway.sink.SinkConfig;
import java.net.URI;
import java.util.Set;
import java.util.UUID;

/**
 * {@code url} (default redis://127.0.0.1:6379), {@code stream} (required), {@code group} (default switchboard),
 * {@code consumer} (default a name unique to this process: two nodes must never share one, or each would see
 * the other's pending entries as its own), {@code field} (the entry field holding the body, default body; an
 * entry with a single field is read from it whatever its name), {@code dead_letter} (a stream; default none).
 */
record RedisSourceSettings(URI url, String stream, String group, String consumer, String field,
    String deadLetter) {
  private static final String NAME = "\\S{1,512}";
  private static final String PROCESS_CONSUMER = "switchboard-" + ProcessHandle.current().pid() + "-"
      + UUID.randomUUID().toString().substring(0, 8);

  static RedisSourceSettings from(SinkConfig c) {
    URI url = c.url("url", "redis://127.0.0.1:6379", Set.of("redis", "rediss"));
    String stream = c.name("stream", NAME, "a Redis key without spaces");
    String group = c.node("group") == null ? "switchboard" : c.name("group", NAME, "a group name without spaces");
    String consumer = c.node("consumer") == null ? PROCESS_CONSUMER
        : c.name("consumer", NAME, "a consumer name without spaces");
    String field = c.string("field", "body");
    String deadLetter = c.node("dead_letter") == null ? null
        : c.name("dead_letter", NAME, "a Redis stream key without spaces");
    return new RedisSourceSettings(url, stream, group, consumer, field, deadLetter);
  }
}
