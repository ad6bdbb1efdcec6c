package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppStore;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Channel;
import dev.switchboard.core.ChannelActivity;
import dev.switchboard.core.ChannelKind;
import dev.switchboard.core.ChannelNames;
import dev.switchboard.core.Connection;
import dev.switchboard.core.HubListener;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's events as webhook events: client events and cache misses from this node's {@link HubListener},
 * channel and member transitions from the cluster-wide {@link ChannelActivity} (through the gate, which in a
 * cluster admits them only on the channel's owner). An event is built only when one of the app's targets
 * wants its type and channel, so apps without webhooks pay one map lookup per event. Runs on the loop or
 * context that caused the event; never blocks.
 */
final class WebhookEmitter implements HubListener, ChannelActivity {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookEmitter.class);
  private final WebhookBatcher batcher;
  private final AppStore apps;
  private final AppTargets targets;
  private final boolean clientEventDataObject;
  private volatile WebhookGate gate;

  WebhookEmitter(WebhookBatcher batcher, AppTargets targets, AppStore apps, WebhookGate gate,
      boolean clientEventDataObject) {
    this.batcher = batcher;
    this.clientEventDataObject = clientEventDataObject;
    this.targets = targets;
    this.apps = apps;
    this.gate = gate;
  }

  void gate(WebhookGate g) {
    this.gate = g;
  }

  private void emit(AppRuntime rt, String name, String channel, Supplier<WebhookEvent> build) {
    if (ChannelKind.of(channel) == ChannelKind.SERVER_TO_USER) {
      return;
    }
    App app = rt.app();
    if (app == null) {
      // a runtime created by cluster traffic alone: this node may own the channel without serving the app
      apps.findById(rt.id()).onComplete(ar -> {
        if (ar.succeeded() && ar.result().isPresent()) {
          emit(app(rt, ar.result().get()), name, channel, build);
        } else {
          LOG.atWarn().addKeyValue("app_id", rt.id()).addKeyValue("channel", channel)
              .log("app not found, {} not sent", name);
        }
      });
      return;
    }
    emit(app, name, channel, build);
  }

  private static App app(AppRuntime rt, App found) {
    if (rt.app() == null) {
      rt.refresh(found);
    }
    return found;
  }

  private void emit(App app, String name, String channel, Supplier<WebhookEvent> build) {
    List<WebhookTarget> ts = targets.lenient(app);
    if (ts.isEmpty() || ts.stream().noneMatch(t -> t.wants(name))) {
      return;
    }
    WebhookEvent e = build.get();
    if (ts.stream().noneMatch(t -> t.accepts(e))) {
      return;
    }
    gate.admit(app, e).onComplete(ar -> {
      if (ar.succeeded() && Boolean.TRUE.equals(ar.result())) {
        batcher.add(app, e);
      } else if (ar.failed()) {
        LOG.atWarn().addKeyValue("app_id", app.id()).addKeyValue("channel", channel)
            .log("webhook gate failed, {} not sent: {}", name, ar.cause().getMessage());
      }
    });
  }

  @Override
  public void occupied(AppRuntime app, String channel) {
    String n = WebhookEvent.CHANNEL_OCCUPIED;
    emit(app, n, channel, () -> WebhookEvent.channel(n, channel));
  }

  @Override
  public void vacated(AppRuntime app, String channel) {
    String n = WebhookEvent.CHANNEL_VACATED;
    emit(app, n, channel, () -> WebhookEvent.channel(n, channel));
  }

  @Override
  public void memberAdded(AppRuntime app, String channel, JsonNode userId) {
    if (ChannelNames.isInternal(channel)) {
      return; // a dialect's own roster (the gateway's users), not a Pusher channel
    }
    String n = WebhookEvent.MEMBER_ADDED;
    emit(app, n, channel, () -> WebhookEvent.member(n, channel, userId));
  }

  @Override
  public void memberRemoved(AppRuntime app, String channel, JsonNode userId) {
    if (ChannelNames.isInternal(channel)) {
      return; // a dialect's own roster (the gateway's users), not a Pusher channel
    }
    String n = WebhookEvent.MEMBER_REMOVED;
    emit(app, n, channel, () -> WebhookEvent.member(n, channel, userId));
  }

  /** {@code total} is the cluster-wide count, so every node's subscribers are counted. */
  @Override
  public void subscriptionCount(AppRuntime app, String channel, int total) {
    emit(app, WebhookEvent.SUBSCRIPTION_COUNT, channel, () -> WebhookEvent.subscriptionCount(channel, total));
  }

  @Override
  public void clientEvent(AppRuntime app, Channel channel, String event, JsonNode data, Connection from,
      JsonNode userId) {
    emit(app, WebhookEvent.CLIENT_EVENT, channel.name(),
        () -> WebhookEvent.clientEvent(channel.name(), event, data, from.socketId(), userId,
            clientEventDataObject));
  }

  @Override
  public void cacheMiss(AppRuntime app, Channel channel, Connection by) {
    String n = WebhookEvent.CACHE_MISS;
    emit(app, n, channel.name(), () -> WebhookEvent.channel(n, channel.name()));
  }
}
