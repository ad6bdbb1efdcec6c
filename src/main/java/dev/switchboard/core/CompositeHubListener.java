package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Calls several listeners in order (the Pusher dialect, webhooks, later metrics). Every method of
 * {@link HubListener} must be forwarded here, including ones added later.
 */
final class CompositeHubListener implements HubListener {
  private final List<HubListener> listeners;

  CompositeHubListener(HubListener... listeners) {
    this.listeners = List.of(listeners);
  }

  @Override
  public void channelOccupied(AppRuntime app, Channel channel) {
    listeners.forEach(l -> l.channelOccupied(app, channel));
  }

  @Override
  public void channelVacated(AppRuntime app, String channel) {
    listeners.forEach(l -> l.channelVacated(app, channel));
  }

  @Override
  public void memberAdded(AppRuntime app, Channel channel, JsonNode userId, JsonNode userInfo, Connection by) {
    listeners.forEach(l -> l.memberAdded(app, channel, userId, userInfo, by));
  }

  @Override
  public void memberRemoved(AppRuntime app, Channel channel, JsonNode userId) {
    listeners.forEach(l -> l.memberRemoved(app, channel, userId));
  }

  @Override
  public void subscriptionCountChanged(AppRuntime app, Channel channel) {
    listeners.forEach(l -> l.subscriptionCountChanged(app, channel));
  }

  @Override
  public void userOnline(AppRuntime app, String userId) {
    listeners.forEach(l -> l.userOnline(app, userId));
  }

  @Override
  public void userOffline(AppRuntime app, String userId) {
    listeners.forEach(l -> l.userOffline(app, userId));
  }

  @Override
  public void clientEvent(AppRuntime app, Channel channel, String event, JsonNode data, Connection from,
      JsonNode userId) {
    listeners.forEach(l -> l.clientEvent(app, channel, event, data, from, userId));
  }

  @Override
  public void cacheMiss(AppRuntime app, Channel channel, Connection by) {
    listeners.forEach(l -> l.cacheMiss(app, channel, by));
  }
}
