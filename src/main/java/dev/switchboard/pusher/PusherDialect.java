package dev.switchboard.pusher;

import dev.switchboard.config.ClientLimits;
import dev.switchboard.transport.Admission;
import dev.switchboard.transport.Dialect;
import dev.switchboard.transport.UpgradeRequest;
import dev.switchboard.transport.VertxLoop;
import dev.switchboard.transport.UriComponent;
import dev.switchboard.transport.WsSocket;
import io.vertx.core.Future;

/**
 * The Pusher dialect at {@code /app/{key}}. Every upgrade at that path is admitted: Pusher refuses an
 * unknown key or a full app inside the socket ({@code pusher:error} 4001/4100 then close), which is what
 * pusher-js expects and reacts to; so are the per-IP limits ({@link PusherIpLimits}).
 */
public final class PusherDialect implements Dialect {
  private final PusherEndpoint endpoint;
  private final PusherIpLimits perIp;

  public PusherDialect(PusherEndpoint endpoint, ClientLimits limits, VertxLoop[] loops) {
    this.endpoint = endpoint;
    this.perIp = new PusherIpLimits(limits, loops);
  }

  @Override
  public boolean matches(String path) {
    return appKey(path) != null;
  }

  @Override
  public Future<Admission> admit(UpgradeRequest request) {
    return perIp.admit(request);
  }

  @Override
  public void accept(WsSocket socket, String path, Admission admitted) {
    PusherError refused = perIp.attach(socket, admitted);
    if (refused != null) {
      PusherEndpoint.reject(socket, refused);
      return;
    }
    endpoint.accept(socket, appKey(path));
  }

  @Override
  public void drain() {
    endpoint.drain();
  }

  /** The key of {@code /app/{key}}, or null for other paths. */
  static String appKey(String path) {
    if (!path.startsWith("/app/")) {
      return null;
    }
    String key = path.substring("/app/".length());
    if (key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    return key.isEmpty() || key.contains("/") ? null : UriComponent.decodeOrNull(key); // malformed: no app
  }
}
