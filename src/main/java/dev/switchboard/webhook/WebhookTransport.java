package dev.switchboard.webhook;

import dev.switchboard.app.App;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Sends one signed body to one target. Never blocks; the future succeeds with the attempt's outcome. */
interface WebhookTransport {
  Future<Outcome> send(WebhookTarget target, App app, byte[] body);

  /** Releases clients. */
  Future<Void> close();

  /** Headers the custom ones may not replace. */
  Set<String> RESERVED = Set.of("x-pusher-key", "x-pusher-signature", "content-type", "content-length", "host",
      "transfer-encoding", "connection");

  /** The target's custom headers, then ours: the key and the signature of exactly {@code body}. */
  static Map<String, String> headers(WebhookTarget target, App app, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    target.headers().forEach((k, v) -> {
      if (!RESERVED.contains(k.toLowerCase(Locale.ROOT))) {
        h.put(k, v);
      }
    });
    h.put("Content-Type", "application/json");
    h.put("X-Pusher-Key", app.key());
    h.put("X-Pusher-Signature", WebhookBody.sign(app.secret(), body));
    return h;
  }
}
