package dev.switchboard.gateway.source.nats;

import dev.switchboard.gateway.sink.SinkConfig;
import java.net.URI;
import java.util.Set;

/**
 * {@code url} (default nats://127.0.0.1:4222), {@code stream} (required; created with {@code subject} when
 * missing), {@code subject} (required; the consumer's filter), {@code durable} (the durable consumer's name, shared
 * by every node, default switchboard), {@code dead_letter} (a subject; when no stream captures it, a stream
 * {@code <stream>_dead_letter} is created for it; default none).
 */
record NatsSourceSettings(URI url, String stream, String subject, String durable, String deadLetter) {
  private static final String STREAM = "[A-Za-z0-9_-]{1,255}";
  private static final String SUBJECT = "[^\\s]{1,255}";

  static NatsSourceSettings from(SinkConfig c) {
    URI url = c.url("url", "nats://127.0.0.1:4222", Set.of("nats", "tls"));
    String stream = c.name("stream", STREAM, "a stream name of letters, digits, '-' or '_'");
    String subject = c.name("subject", SUBJECT, "a NATS subject without spaces");
    String durable = c.node("durable") == null ? "switchboard"
        : c.name("durable", STREAM, "a consumer name of letters, digits, '-' or '_'");
    String dl = c.node("dead_letter") == null ? null
        : c.name("dead_letter", "[^\\s*>]{1,255}", "a NATS subject without spaces or wildcards");
    return new NatsSourceSettings(url, stream, subject, durable, dl);
  }
}
