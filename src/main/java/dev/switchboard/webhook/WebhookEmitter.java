package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Channel;
import dev.switchboard.core.ChannelKind;
import dev.switchboard.core.Connection;
import dev.switchboard.core.HubListener;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's events as webhook events. An event is built only when one of the app's targets wants its type
 * and channel, so apps without webhooks pay one map lookup per event. Runs on the loop that caused the event;
 * never blocks.
 */
final class WebhookEmitter implements HubListener {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookEmitter.class);
  private final WebhookBatcher batcher;
  private final WebhookGate gate;
  private final ConcurrentHashMap<String, Parsed> parsed = new ConcurrentHashMap<>();

  private record Parsed(App app, List<WebhookTarget> targets) {}

  WebhookEmitter(WebhookBatcher batcher, WebhookGate gate) {
    this.batcher = batcher;
    this.gate = gate;
  }

  /** The app's targets, parsed once per app version; a bad definition is logged once and ignored. */
  List<WebhookTarget> targets(App app) {
    Parsed p = parsed.get(app.id());
    if (p != null && p.app == app) {
      return p.targets;
    }
    List<WebhookTarget> ts;
    try {
      ts = WebhookTargets.parse(app.webhooks());
    } catch (WebhookException e) {
      LOG.warn("app_id={}: webhooks ignored: {}", app.id(), e.getMessage());
      ts = List.of();
    }
    parsed.put(app.id(), new Parsed(app, ts));
    return ts;
  }

  private void emit(AppRuntime rt, String name, String channel, Supplier<WebhookEvent> build) {
    if (ChannelKind.of(channel) == ChannelKind.SERVER_TO_USER) {
      return;
    }
    App app = rt.app();
    List<WebhookTarget> ts = targets(app);
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
        LOG.warn("app_id={} channel={}: webhook gate failed, {} not sent: {}", app.id(), channel, name,
            ar.cause().getMessage());
      }
    });
  }

  @Override
  public void channelOccupied(AppRuntime app, Channel channel) {
    String n = WebhookEvent.CHANNEL_OCCUPIED;
    emit(app, n, channel.name(), () -> WebhookEvent.channel(n, channel.name()));
  }

  @Override
  public void channelVacated(AppRuntime app, String channel) {
    String n = WebhookEvent.CHANNEL_VACATED;
    emit(app, n, channel, () -> WebhookEvent.channel(n, channel));
  }

  @Override
  public void memberAdded(AppRuntime app, Channel channel, String userId, JsonNode userInfo, Connection by) {
    String n = WebhookEvent.MEMBER_ADDED;
    emit(app, n, channel.name(), () -> WebhookEvent.member(n, channel.name(), userId));
  }

  @Override
  public void memberRemoved(AppRuntime app, Channel channel, String userId) {
    String n = WebhookEvent.MEMBER_REMOVED;
    emit(app, n, channel.name(), () -> WebhookEvent.member(n, channel.name(), userId));
  }

  @Override
  public void subscriptionCountChanged(AppRuntime app, Channel channel) {
    emit(app, WebhookEvent.SUBSCRIPTION_COUNT, channel.name(),
        () -> WebhookEvent.subscriptionCount(channel.name(), channel.subscriptionCount()));
  }

  @Override
  public void clientEvent(AppRuntime app, Channel channel, String event, JsonNode data, Connection from,
      String userId) {
    emit(app, WebhookEvent.CLIENT_EVENT, channel.name(),
        () -> WebhookEvent.clientEvent(channel.name(), event, data, from.socketId(), userId));
  }

  @Override
  public void cacheMiss(AppRuntime app, Channel channel, Connection by) {
    String n = WebhookEvent.CACHE_MISS;
    emit(app, n, channel.name(), () -> WebhookEvent.channel(n, channel.name()));
  }
}
