package dev.switchboard.gateway;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.AppApiEndpoint;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /apps/{app_id}/notifications}: a backend's notification over HTTP, signed as every Pusher API
 * call (so the {@code pusher} server SDKs' generic signed {@code post} reaches it). Answers what the
 * notification reached across the cluster, {@code {"connections": n, "users": n}}, once every node has it.
 */
final class GatewayNotificationsEndpoint implements AppApiEndpoint {
  private final GatewayNotifier notifier;

  GatewayNotificationsEndpoint(GatewayNotifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public Future<?> handle(AppRuntime app, byte[] body) {
    GatewayNotification n;
    try {
      n = GatewayNotification.parse(new String(body, StandardCharsets.UTF_8));
    } catch (GatewayNotification.Malformed e) {
      return Future.failedFuture(new ApiException(400, "Bad notification: " + e.getMessage()));
    }
    return notifier.deliver(app, n).map(reach -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("connections", reach.connections());
      out.put("users", reach.users());
      return out;
    });
  }
}
