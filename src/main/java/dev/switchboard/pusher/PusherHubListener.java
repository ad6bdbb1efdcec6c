package dev.switchboard.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Channel;
import dev.switchboard.core.ChannelKind;
import dev.switchboard.core.Connection;
import dev.switchboard.core.HubListener;
import dev.switchboard.core.Loop;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns core membership changes into Pusher messages: member_added/removed to the channel,
 * subscription_count (coalesced per channel, so a join storm costs one broadcast per interval) and
 * watchlist online/offline to the users watching.
 */
public final class PusherHubListener implements HubListener {
  private static final long COUNT_COALESCE_MS = 100;
  private final Loop[] loops;
  private final Set<Channel> countPending = ConcurrentHashMap.newKeySet();

  public PusherHubListener(Loop[] loops) {
    this.loops = loops.clone();
  }

  @Override
  public void memberAdded(AppRuntime app, Channel channel, JsonNode userId, JsonNode userInfo, Connection by) {
    app.publish(channel.name(), PusherMessages.memberAdded(channel.name(), userId, userInfo),
        by == null ? null : by.socketId());
  }

  @Override
  public void memberRemoved(AppRuntime app, Channel channel, JsonNode userId) {
    app.publish(channel.name(), PusherMessages.memberRemoved(channel.name(), userId), null);
  }

  @Override
  public void subscriptionCountChanged(AppRuntime app, Channel channel) {
    if (app.app() == null || !app.app().enableSubscriptionCount() || channel.kind() == ChannelKind.PRESENCE
        || channel.kind() == ChannelKind.SERVER_TO_USER || !countPending.add(channel)) {
      return;
    }
    current().after(COUNT_COALESCE_MS, () -> {
      countPending.remove(channel);
      if (app.channel(channel.name()) == channel) {
        app.publish(channel.name(), PusherMessages.subscriptionCount(channel.name(),
            app.subscriptionCount(channel.name())), null);
      }
    });
  }

  @Override
  public void userOnline(AppRuntime app, String userId) {
    notifyWatchers(app, userId, "online");
  }

  @Override
  public void userOffline(AppRuntime app, String userId) {
    notifyWatchers(app, userId, "offline");
  }

  private void notifyWatchers(AppRuntime app, String userId, String name) {
    Set<Connection> watchers = app.watchersOf(userId);
    if (!watchers.isEmpty()) {
      var msg = PusherMessages.watchlist(name, List.of(userId));
      watchers.forEach(c -> c.send(msg));
    }
  }

  private Loop current() {
    for (Loop l : loops) {
      if (l.inLoop()) {
        return l;
      }
    }
    return loops[0];
  }
}
