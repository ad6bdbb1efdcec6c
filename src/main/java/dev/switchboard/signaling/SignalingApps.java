package dev.switchboard.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppParser;
import dev.switchboard.app.AppStore;
import dev.switchboard.config.ServerConfig;
import io.vertx.core.Future;

/**
 * Which app a signaling socket belongs to. Without a path segment it is the built-in signaling namespace,
 * where every y-webrtc client meets, as on the reference server. A first path segment that is the key of
 * a configured app selects that app (its own topic space, its max_connections and enabled flag); any
 * other segment is a room-style URL and stays in the built-in namespace. A store that cannot answer fails
 * the lookup rather than silently mixing namespaces.
 */
final class SignalingApps {
  /** The built-in namespace's id: not in any app store, so neither the HTTP API nor Pusher reach it. */
  static final String BUILTIN_ID = "signaling:builtin";
  private final AppStore store;
  private final App builtin;

  SignalingApps(AppStore store, ServerConfig server, SignalingConfig config) {
    this.store = store;
    ObjectNode app = SignalingCodec.JSON.createObjectNode()
        .put("id", BUILTIN_ID)
        .put("key", BUILTIN_ID)
        .put("secret", BUILTIN_ID)
        .put("max_connections", config.maxConnections());
    this.builtin = AppParser.parse(app, server.limits());
  }

  /** The app for a path's first segment (may be null); completes on any thread. */
  Future<App> resolve(String firstSegment) {
    if (firstSegment == null) {
      return Future.succeededFuture(builtin);
    }
    return store.findByKey(firstSegment).map(found -> found.orElse(builtin));
  }
}
