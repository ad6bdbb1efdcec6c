package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live state of one app on this node: its channel index, presence rosters, user index, watchers,
 * cache-channel events and connection count, plus what other nodes report ({@link RemoteState}). Safe to
 * call from any thread; per-connection parts run on the connection's loop. Local changes are handed to
 * the {@link Replicator}; {@link RemoteSide} applies other nodes' changes.
 */
public final class AppRuntime {
  private static final String USER_CHANNEL = "#server-to-user-";
  private final String id;
  private volatile App app;
  private final Loop[] loops;
  final HubListener listener;
  final HubListener mirror;
  final Replicator replicator;
  private final EventCache eventCache;
  private final long cacheTtlMillis;
  private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, PresenceRoster> rosters = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, Set<Connection>> users = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<Connection>> watchers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CachedEvent> cached = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  final RemoteState remote = new RemoteState();
  final ChannelTotals totals = new ChannelTotals();
  private final RemoteSide remoteSide = new RemoteSide(this);
  /** Set once by the hub before the runtime is published, so a plain field is safe. */
  private AppMeters meters = AppMeters.NONE;
  /** Set once by the hub before the runtime is published, like {@link #meters}. */
  ChannelActivity activity = ChannelActivity.NONE;
  /** What a debug console watching this app hears; {@link AppTap#OFF} while nobody watches. */
  private volatile AppTap tap = AppTap.OFF;

  AppRuntime(String id, App app, Loop[] loops, HubListener listener, HubListener mirror, Replicator replicator,
      EventCache eventCache, long cacheTtlMillis) {
    this.id = id;
    this.app = app;
    this.loops = loops;
    this.listener = listener;
    this.mirror = mirror;
    this.replicator = replicator;
    this.eventCache = eventCache;
    this.cacheTtlMillis = cacheTtlMillis;
  }

  public String id() {
    return id;
  }

  /** The app's latest settings; null only for a runtime created from cluster traffic before any local use. */
  public App app() {
    return app;
  }

  /** Where this app's activity is reported; dialects report client events and cache misses through it. */
  public HubListener listener() {
    return listener;
  }

  /** Picks up changed settings of the app (from the app store) for later checks. */
  public void refresh(App latest) {
    this.app = latest;
  }

  /** This app's counters for metrics. */
  public AppMeters meters() {
    return meters;
  }

  void meters(AppMeters m) {
    this.meters = m;
  }

  /** Where this app's activity is told while a console watches it: {@link AppTap#OFF} otherwise. */
  public AppTap tap() {
    return tap;
  }

  /** Sets who watches this app ({@link AppTap#OFF}: nobody); any thread. */
  public void tap(AppTap t) {
    this.tap = t;
  }

  /** How other nodes' changes are applied; used by the cluster broker. */
  public RemoteSide remoteSide() {
    return remoteSide;
  }

  // ---- connections -------------------------------------------------------------------------------

  /** Counts a new connection unless the app's max_connections is reached anywhere in the cluster. */
  public boolean tryOpen() {
    int max = app.maxConnections();
    while (true) {
      int n = connections.get();
      if (max >= 0 && n + remote.connections() >= max) {
        return false;
      }
      if (connections.compareAndSet(n, n + 1)) {
        replicator.connections(this, n + 1);
        meters.connectionOpened();
        return true;
      }
    }
  }

  /** Gives back a {@link #tryOpen()} whose connection never opened (a refused or vanished upgrade). */
  public void cancelOpen() {
    released();
  }

  private void released() {
    replicator.connections(this, connections.decrementAndGet());
    meters.connectionClosed();
  }

  /**
   * Completes once this node's state changes so far are known to every node ({@link Replicator#confirmed}):
   * at once on a single node. A client's subscription_succeeded waits for it, so a node asked next counts it.
   */
  public CompletionStage<Void> confirmed() {
    return replicator.confirmed();
  }

  /**
   * Like {@link #confirmed()}, for a connection just counted by {@link #tryOpen()}: only an app with a finite
   * max_connections waits, since only its quota check on other nodes reads the count. Other apps' counts
   * are seen by nobody else at once (metrics and /usage are per node), so they stay coalesced and free.
   */
  public CompletionStage<Void> openConfirmed() {
    return hasQuota() ? replicator.confirmed() : CONFIRMED;
  }

  private static final CompletionStage<Void> CONFIRMED = CompletableFuture.completedFuture(null);

  /** Whether other nodes check this app's connection count (a finite max_connections). */
  boolean hasQuota() {
    App a = app;
    return a != null && a.maxConnections() >= 0;
  }

  /** Connections on this node. */
  public int connectionCount() {
    return connections.get();
  }

  /** Connections on every node, as far as other nodes have reported theirs. */
  public int clusterConnectionCount() {
    return connections.get() + remote.connections();
  }

  // ---- channels ----------------------------------------------------------------------------------

  /**
   * Subscribes {@code c} to {@code name}; on {@code c}'s loop. For presence channels {@code userId} and
   * {@code userInfo} are the member, and a new user is refused when the roster holds {@code maxMembers}.
   */
  public SubscribeResult subscribe(Connection c, String name, String userId, JsonNode userInfo, int maxMembers) {
    return subscribe(c, name, userId, null, userInfo, maxMembers);
  }

  /**
   * {@link #subscribe(Connection, String, String, JsonNode, int)} for a presence member whose id the client
   * gave as a JSON number ({@code userNumber}; null for a string id): the id is looked up as {@code userId},
   * its decimal string, and shown as the number (see {@link PresenceRoster}).
   */
  public SubscribeResult subscribe(Connection c, String name, String userId, JsonNode userNumber, JsonNode userInfo,
      int maxMembers) {
    if (c.subscriptions().contains(name)) {
      return SubscribeResult.ALREADY_SUBSCRIBED;
    }
    boolean internal = ChannelNames.isInternal(name);
    PresenceRoster.Change join = PresenceRoster.Change.NONE;
    if (ChannelKind.of(name) == ChannelKind.PRESENCE) {
      join = joinRoster(name, userId, userNumber, userInfo, maxMembers);
      if (join == PresenceRoster.Change.FULL) {
        return SubscribeResult.PRESENCE_FULL;
      }
    }
    Channel ch = channels.compute(name, (k, cur) -> {
      Channel x = cur != null ? cur : new Channel(k, loops.length);
      x.adjustCount(1);
      return x;
    });
    boolean presence = ch.kind() == ChannelKind.PRESENCE && userId != null;
    Subscription s = new Subscription(c, ch, presence ? userId : null,
        presence ? PresenceRoster.idJson(userId, userNumber) : null);
    ch.add(c.loop().index(), s);
    c.subscriptions().add(s);
    // the cluster-wide total decides occupied for this node's listener too, atomically with other loops
    ChannelTotals.Step st = internal ? ChannelTotals.Step.NONE : totals.add(name, 1);
    if (st.occupied()) {
      listener.channelOccupied(this, ch);
      activity.occupied(this, name);
    }
    if (join == PresenceRoster.Change.FIRST_ANYWHERE || join == PresenceRoster.Change.FIRST_ON_NODE) {
      replicator.memberJoined(this, name, userId, userInfo);
    }
    if (join == PresenceRoster.Change.FIRST_ANYWHERE) {
      if (!internal) {
        listener.memberAdded(this, ch, s.presenceUser, userInfo, c);
      }
      activity.memberAdded(this, name, s.presenceUser);
    }
    replicator.channelCount(this, name, ch.subscriptionCount());
    if (!internal) {
      listener.subscriptionCountChanged(this, ch);
      activity.subscriptionCount(this, name, st.after());
      tap.subscribed(c, name);
    }
    return SubscribeResult.SUBSCRIBED;
  }

  private PresenceRoster.Change joinRoster(String name, String userId, JsonNode number, JsonNode info, int max) {
    PresenceRoster.Change[] out = new PresenceRoster.Change[1];
    rosters.compute(name, (k, r) -> {
      PresenceRoster x = r != null ? r : new PresenceRoster();
      out[0] = x.joinLocal(userId, number, info, max);
      return x.isEmpty() ? null : x;
    });
    return out[0];
  }

  /** Leaves {@code name}; false when {@code c} was not subscribed. On {@code c}'s loop. */
  public boolean unsubscribe(Connection c, String name) {
    Subscription s = c.subscriptions().remove(name);
    if (s == null) {
      return false;
    }
    Channel ch = s.channel;
    ch.remove(c.loop().index(), s);
    if (s.presenceUserId != null) {
      PresenceRoster.Change[] out = new PresenceRoster.Change[1];
      JsonNode[] id = {s.presenceUser};
      rosters.computeIfPresent(name, (k, r) -> {
        id[0] = r.idOf(s.presenceUserId); // as the member was added, should tabs have given it differently
        out[0] = r.leaveLocal(s.presenceUserId);
        return r.isEmpty() ? null : r;
      });
      if (out[0] == PresenceRoster.Change.LAST_ON_NODE || out[0] == PresenceRoster.Change.LAST_ANYWHERE) {
        replicator.memberLeft(this, name, s.presenceUserId);
      }
      if (out[0] == PresenceRoster.Change.LAST_ANYWHERE) {
        if (!ChannelNames.isInternal(name)) {
          listener.memberRemoved(this, ch, id[0]);
        }
        activity.memberRemoved(this, name, id[0]);
      }
    }
    int left = dropCount(ch);
    replicator.channelCount(this, name, left);
    if (ChannelNames.isInternal(name)) {
      return true;
    }
    tap.unsubscribed(c, name);
    ChannelTotals.Step st = countChanged(name, -1, activity);
    if (st.vacated()) {
      listener.channelVacated(this, name);
    } else if (left > 0) {
      listener.subscriptionCountChanged(this, ch);
    }
    return true;
  }

  /**
   * Applies a change of the cluster-wide subscriber count of {@code name}, reports it {@code to} and
   * returns it.
   */
  ChannelTotals.Step countChanged(String name, int delta, ChannelActivity to) {
    ChannelTotals.Step step = totals.add(name, delta);
    if (step.occupied()) {
      to.occupied(this, name);
    }
    if (step.vacated()) {
      to.vacated(this, name);
    } else if (step.changed()) {
      to.subscriptionCount(this, name, step.after());
    }
    return step;
  }

  /** Decrements the channel's local count, removing it at zero; returns the count left. */
  private int dropCount(Channel ch) {
    int[] left = new int[1];
    channels.computeIfPresent(ch.name(), (k, cur) -> {
      if (cur != ch) {
        return cur;
      }
      left[0] = cur.adjustCount(-1);
      return left[0] == 0 ? null : cur;
    });
    return left[0];
  }

  /** Everything a closing connection leaves behind; on its loop. */
  void leaveAll(Connection c) {
    tap.connectionClosed(c, c.closeCode());
    for (String name : c.subscriptions().names()) {
      unsubscribe(c, name);
    }
    for (String watched : c.watchlist()) {
      watchers.computeIfPresent(watched, (k, set) -> {
        set.remove(c);
        return set.isEmpty() ? null : set;
      });
    }
    String user = c.userId();
    if (user != null) {
      boolean[] last = new boolean[1];
      users.computeIfPresent(user, (k, set) -> {
        set.remove(c);
        last[0] = set.isEmpty();
        return last[0] ? null : set;
      });
      if (last[0]) {
        replicator.userOffline(this, user);
        if (!remote.online(user)) {
          listener.userOffline(this, user);
        }
      }
    }
    released();
  }

  /** The channel's local part, or null when no socket on this node is subscribed. */
  public Channel channel(String name) {
    return channels.get(name);
  }

  public Collection<Channel> localChannels() {
    return channels.values();
  }

  /** True when other nodes share this app's channels through a cluster broker. */
  public boolean clustered() {
    return replicator != Replicator.NONE;
  }

  /** Sockets subscribed to {@code channel} on every node. */
  public int subscriptionCount(String channel) {
    Channel ch = channels.get(channel);
    return (ch == null ? 0 : ch.subscriptionCount()) + remote.count(channel);
  }

  /** The presence roster (cluster-wide), or null when the channel has no members anywhere. */
  public PresenceRoster roster(String channel) {
    return rosters.get(channel);
  }

  /** Channels occupied anywhere in the cluster, sorted by name, optionally filtered by prefix. */
  public List<String> occupiedChannels(String prefix) {
    List<String> out = new ArrayList<>();
    for (String n : occupiedNames()) {
      if (ChannelKind.of(n) != ChannelKind.SERVER_TO_USER && !ChannelNames.isInternal(n)
          && (prefix == null || n.startsWith(prefix))) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * A dialect's own channels ({@code prefix} such as {@code signaling:}, see {@link ChannelNames#isInternal})
   * occupied anywhere in the cluster, sorted by name.
   */
  public List<String> occupiedInternal(String prefix) {
    List<String> out = new ArrayList<>();
    for (String n : occupiedNames()) {
      if (n.startsWith(prefix)) {
        out.add(n);
      }
    }
    return out;
  }

  private Set<String> occupiedNames() {
    TreeMap<String, Boolean> names = new TreeMap<>();
    for (String n : channels.keySet()) {
      names.put(n, true);
    }
    for (String n : remote.counts.keySet()) {
      names.put(n, true);
    }
    return names.keySet();
  }

  // ---- fan-out -----------------------------------------------------------------------------------

  /**
   * Delivers on this node and on every other node of the cluster; the stage completes when the event has
   * been handed to the broker (see {@link Replicator#event}, which also does this node's delivery).
   */
  public CompletionStage<Void> broadcast(String channel, OutboundMessage m, String exceptSocketId) {
    return broadcast(channel, m, exceptSocketId, System.nanoTime());
  }

  /** {@link #broadcast(String, OutboundMessage, String)} for an event that arrived at {@code receivedNanos}. */
  public CompletionStage<Void> broadcast(String channel, OutboundMessage m, String exceptSocketId,
      long receivedNanos) {
    CompletionStage<Void> stored = rememberShared(channel, m);
    return replicator.event(this, channel, m, exceptSocketId, receivedNanos).thenCombine(stored, (a, b) -> null);
  }

  /**
   * Whether an event for {@code channel} published now would go anywhere: to a subscriber on this node, to
   * other nodes (a cluster always forwards), or into a cache channel's last-event store. Publishing to
   * channels nobody listens on is common (a user's channel while they are offline), so the HTTP API asks
   * before encoding the frame. A subscriber arriving a moment later misses the event either way.
   */
  public boolean anyoneListens(String channel) {
    return replicator != Replicator.NONE || ChannelKind.isCache(channel) || channels.containsKey(channel)
        || channel.startsWith(USER_CHANNEL) && users.containsKey(userOf(channel));
  }

  /**
   * Delivers {@code m} to every subscriber of {@code channel} on this node except {@code exceptSocketId}
   * (may be null): one task per loop that has subscribers, each writing the same encoded frame. Used
   * directly for protocol messages that each node produces itself (member_added, subscription_count).
   */
  public void publish(String channel, OutboundMessage m, String exceptSocketId) {
    publish(channel, m, exceptSocketId, System.nanoTime());
  }

  /**
   * {@link #publish(String, OutboundMessage, String)} for an event that arrived at {@code receivedNanos}
   * ({@link System#nanoTime()}): each loop task reports the time from then to its writes.
   */
  public void publish(String channel, OutboundMessage m, String exceptSocketId, long receivedNanos) {
    if (channel.startsWith(USER_CHANNEL)) { // one compare, failing on the first char for every other channel
      toUser(userOf(channel), m, exceptSocketId);
      return;
    }
    Channel ch = channels.get(channel);
    if (ch == null) {
      return;
    }
    for (Loop loop : loops) {
      int i = loop.index();
      if (!ch.hasSubscribersOn(i)) {
        continue;
      }
      LoopMeters lm = meters.forLoop(i);
      if (loop.inLoop()) {
        FanOut.deliver(loop, ch.subscribersOn(i), m, exceptSocketId, lm, receivedNanos);
      } else {
        loop.execute(() -> FanOut.deliver(loop, ch.subscribersOn(i), m, exceptSocketId, lm, receivedNanos));
      }
    }
  }

  /**
   * A {@code #server-to-user-} event goes to the user's signed-in sockets, as soketi routes it, not to the
   * channel's subscribers: pusher-js subscribes a moment after signin_success (and never for a numeric id),
   * and a backend that reacts to the sign-in must not lose its first events. A socket that also subscribed
   * gets each event once. A user has a handful of sockets, so each is written on its own loop.
   */
  private void toUser(String userId, OutboundMessage m, String exceptSocketId) {
    Set<Connection> sockets = users.get(userId);
    if (sockets == null) {
      return;
    }
    for (Connection c : sockets) {
      if (exceptSocketId == null || !exceptSocketId.equals(c.socketId())) {
        c.send(m);
      }
    }
  }

  private static String userOf(String serverToUserChannel) {
    return serverToUserChannel.substring(USER_CHANNEL.length());
  }

  /** Keeps {@code m} as the last event of a cache channel; protocol-internal messages never go here. */
  void remember(String channel, OutboundMessage m) {
    if (ChannelKind.isCache(channel)) {
      cached.put(channel, new CachedEvent(m, System.currentTimeMillis() + cacheTtlMillis));
    }
  }

  /** Like {@link #remember}, and also into the shared event cache (for events published on this node). */
  private CompletionStage<Void> rememberShared(String channel, OutboundMessage m) {
    if (!ChannelKind.isCache(channel)) {
      return CompletableFuture.completedFuture(null);
    }
    remember(channel, m);
    return eventCache.put(id, channel, m, cacheTtlMillis);
  }

  /**
   * The last event of a cache channel, or null: from this node's memory when it has it (completed at once),
   * else from the shared event cache. A failing shared cache counts as a miss.
   */
  public CompletionStage<OutboundMessage> lastEvent(String channel) {
    CachedEvent e = cached.get(channel);
    if (e != null && e.expiresAtMillis() >= System.currentTimeMillis()) {
      return CompletableFuture.completedFuture(e.message());
    }
    if (e != null) {
      cached.remove(channel, e);
    }
    return eventCache.get(id, channel).handle((m, err) -> {
      if (m != null) {
        remember(channel, m);
      }
      return err == null ? m : null;
    });
  }

  // ---- users -------------------------------------------------------------------------------------

  /** Records that {@code c} signed in as {@code userId}, watching {@code watchlist}; on c's loop. */
  public void signin(Connection c, String userId, Set<String> watchlist) {
    c.userId(userId);
    c.watchlist(Set.copyOf(watchlist));
    for (String w : watchlist) {
      watchers.computeIfAbsent(w, k -> ConcurrentHashMap.newKeySet()).add(c);
    }
    boolean[] first = new boolean[1];
    users.compute(userId, (k, set) -> {
      Set<Connection> s = set != null ? set : ConcurrentHashMap.newKeySet();
      first[0] = s.isEmpty();
      s.add(c);
      return s;
    });
    if (first[0]) {
      replicator.userOnline(this, userId);
      if (!remote.online(userId)) {
        listener.userOnline(this, userId);
      }
    }
  }

  /** This node's connections of {@code userId}. */
  public Set<Connection> connectionsOf(String userId) {
    Set<Connection> s = users.get(userId);
    return s == null ? Set.of() : s;
  }

  /** Closes the user's connections on every node with {@code code}, after sending {@code notice}. */
  public void terminateUser(String userId, OutboundMessage notice, int code, String reason) {
    for (Connection c : connectionsOf(userId)) {
      c.send(notice);
      c.close(code, reason);
    }
    replicator.terminateUser(this, userId, notice, code, reason);
  }

  /** Signed in on any node. */
  public boolean isOnline(String userId) {
    return users.containsKey(userId) || remote.online(userId);
  }

  public Set<Connection> watchersOf(String userId) {
    Set<Connection> s = watchers.get(userId);
    return s == null ? Set.of() : s;
  }
}
