package dev.switchboard.core;

import dev.switchboard.app.App;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every app's runtime on this node, created on first use.
 *
 * <p>Two listeners: {@code listener} hears every change that happened on this node (protocol messages,
 * client-event webhooks, metrics); {@code mirror} hears changes other nodes reported that this node's
 * clients must see (member_added/removed, subscription_count, watchlist) — usually the dialect's listener
 * alone. Cluster-wide transitions, from either side, go to the {@link ChannelActivity} (channel and member
 * webhooks, which act on the channel's owner only).
 */
public final class Hub {
  private final Loop[] loops;
  private final HubListener listener;
  private final HubListener mirror;
  private volatile Replicator replicator = Replicator.NONE;
  private volatile EventCache eventCache = EventCache.NONE;
  private volatile Meters meters = Meters.NONE;
  private volatile ChannelActivity activity = ChannelActivity.NONE;
  private final long cacheTtlMillis;
  private final ConcurrentHashMap<String, AppRuntime> apps = new ConcurrentHashMap<>();

  public Hub(Loop[] loops, HubListener listener, HubListener mirror, long cacheTtlMillis) {
    this.loops = loops.clone();
    this.listener = listener;
    this.mirror = mirror;
    this.cacheTtlMillis = cacheTtlMillis;
  }

  /** Sets where local changes are replicated; before the first connection. */
  public void replicator(Replicator r) {
    this.replicator = r;
  }

  /** Sets where cache channels' last events are shared; before the first connection. */
  public void eventCache(EventCache c) {
    this.eventCache = c;
  }

  /** Sets where each app's counters come from; before the first connection. */
  public void meters(Meters m) {
    this.meters = m;
  }

  /** Sets who hears cluster-wide channel transitions (webhooks); before the first connection. */
  public void activity(ChannelActivity a) {
    this.activity = a;
  }

  /** The runtime of {@code app}, refreshed with its latest settings. */
  public AppRuntime runtime(App app) {
    AppRuntime rt = apps.computeIfAbsent(app.id(), id -> create(id, app));
    if (rt.app() != app) {
      rt.refresh(app);
    }
    return rt;
  }

  /** The runtime of app {@code id}, created without settings when cluster traffic names it first. */
  public AppRuntime runtime(String id) {
    return apps.computeIfAbsent(id, k -> create(k, null));
  }

  /** The runtime of app {@code id} if this node has one, else null (nothing is created). */
  public AppRuntime existing(String id) {
    return apps.get(id);
  }

  private AppRuntime create(String id, App app) {
    AppRuntime rt = new AppRuntime(id, app, loops, listener, mirror, replicator, eventCache, cacheTtlMillis);
    rt.meters(meters.forApp(rt));
    rt.activity = activity;
    return rt;
  }

  public Collection<AppRuntime> runtimes() {
    return apps.values();
  }

  public Loop[] loops() {
    return loops.clone();
  }

  /** Connections on this node, all apps. */
  public int connectionCount() {
    int n = 0;
    for (AppRuntime rt : apps.values()) {
      n += rt.connectionCount();
    }
    return n;
  }
}
