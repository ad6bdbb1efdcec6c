package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.AppStore;
import dev.switchboard.core.Hub;
import dev.switchboard.gateway.source.MalformedNotification;
import dev.switchboard.gateway.source.NotificationSource;
import dev.switchboard.gateway.source.NotificationSources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Notifications from a queue ({@code gateway.notifications.queue}): the body a SUMU backend drops on its
 * notifications queue, for the app the body names ({@code app_id}) or {@code gateway.notifications.app_id}.
 * A message is acknowledged once every node has the notification; one that can never be delivered (bad
 * JSON, no data, an unknown app) is dead-lettered at once and does not hold up the ones behind it; an app
 * store or broker that is down leaves it to be delivered again.
 */
final class GatewayNotificationQueue {
  private final NotificationSource source;
  private final AppStore apps;
  private final Hub hub;
  private final GatewayNotifier notifier;
  private final String defaultAppId;

  GatewayNotificationQueue(Vertx vertx, JsonNode config, AppStore apps, Hub hub, GatewayNotifier notifier,
      String defaultAppId) {
    this.source = NotificationSources.create(vertx, "gateway.notifications.queue", config);
    this.apps = apps;
    this.hub = hub;
    this.notifier = notifier;
    this.defaultAppId = defaultAppId;
  }

  Future<Void> start() {
    return source.start(this::handle);
  }

  Future<Void> stop() {
    return source.stop();
  }

  NotificationSource source() {
    return source;
  }

  private Future<Void> handle(String body) {
    GatewayNotification n;
    try {
      n = GatewayNotification.parse(body);
    } catch (GatewayNotification.Malformed e) {
      return Future.failedFuture(new MalformedNotification(e.getMessage()));
    }
    String appId = n.appId() != null ? n.appId() : defaultAppId;
    return apps.findById(appId).compose(app -> app.isEmpty()
        ? Future.failedFuture(new MalformedNotification("no app has id " + appId))
        : notifier.deliver(hub.runtime(app.get()), n).mapEmpty());
  }
}
