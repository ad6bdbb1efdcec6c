package dev.switchboard.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per TCP peer address, the connections whose request head has been unfinished for a while (see {@link
 * HeadDeadlines}): a slowloris client's sockets. Shared by every loop; an address leaves the map when its
 * count returns to zero, so memory follows the addresses that hold such sockets now.
 */
final class PendingHeads {
  private final int max;
  private final ConcurrentHashMap<InetAddress, AtomicInteger> counts = new ConcurrentHashMap<>();

  /** {@code max} pending heads per address; -1 for no limit (they are still cut at their deadline). */
  PendingHeads(int max) {
    this.max = max;
  }

  /** True when {@code ip} already holds as many pending heads as allowed. */
  boolean full(InetAddress ip) {
    if (max < 0) {
      return false;
    }
    AtomicInteger n = counts.get(ip);
    return n != null && n.get() >= max;
  }

  void add(InetAddress ip) {
    counts.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
  }

  void remove(InetAddress ip) {
    counts.computeIfPresent(ip, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  int count(InetAddress ip) {
    AtomicInteger n = counts.get(ip);
    return n == null ? 0 : n.get();
  }
}
