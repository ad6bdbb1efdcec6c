package dev.switchboard.core;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One occupied channel of one app. Subscribers are kept in one list per loop: list {@code i} is read and
 * written only on loop {@code i}, so fan-out needs no locks and writes to each loop's subscribers from one
 * task. The total count changes only inside the app's channel map {@code compute}, which also decides
 * when the channel is created and removed.
 */
public final class Channel {
  private final String name;
  private final ChannelKind kind;
  private final boolean cache;
  private final ArrayList<Subscription>[] perLoop;
  private final AtomicIntegerArray loopCounts;
  private volatile int count;

  @SuppressWarnings({"unchecked", "rawtypes"})
  Channel(String name, int loops) {
    this.name = name;
    this.kind = ChannelKind.of(name);
    this.cache = ChannelKind.isCache(name);
    this.perLoop = new ArrayList[loops];
    this.loopCounts = new AtomicIntegerArray(loops);
  }

  public String name() {
    return name;
  }

  public ChannelKind kind() {
    return kind;
  }

  public boolean isCache() {
    return cache;
  }

  /** Subscribed sockets on this node ({@link AppRuntime#subscriptionCount} counts the cluster). */
  public int subscriptionCount() {
    return count;
  }

  int loops() {
    return perLoop.length;
  }

  boolean hasSubscribersOn(int loop) {
    return loopCounts.get(loop) > 0;
  }

  /** Only inside the channel map's compute. */
  int adjustCount(int delta) {
    count += delta;
    return count;
  }

  /** On loop {@code loop} only. */
  void add(int loop, Subscription s) {
    ArrayList<Subscription> list = perLoop[loop];
    if (list == null) {
      list = perLoop[loop] = new ArrayList<>(4);
    }
    s.slot = list.size();
    list.add(s);
    loopCounts.incrementAndGet(loop);
  }

  /** On loop {@code loop} only. */
  void remove(int loop, Subscription s) {
    ArrayList<Subscription> list = perLoop[loop];
    int last = list.size() - 1;
    Subscription moved = list.get(last);
    list.set(s.slot, moved);
    moved.slot = s.slot;
    list.remove(last);
    s.slot = -1;
    loopCounts.decrementAndGet(loop);
  }

  /** The subscribers on loop {@code loop}; read on that loop only. */
  ArrayList<Subscription> subscribersOn(int loop) {
    ArrayList<Subscription> list = perLoop[loop];
    return list == null ? EMPTY : list;
  }

  private static final ArrayList<Subscription> EMPTY = new ArrayList<>(0);
}
