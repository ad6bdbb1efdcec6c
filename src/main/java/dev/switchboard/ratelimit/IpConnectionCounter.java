package dev.switchboard.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open sockets per client IP, with a cap: {@link #tryAcquire} counts one more unless the IP is at the cap,
 * {@link #release} gives it back when the socket closes. An IP leaves the map when its count returns to zero,
 * so memory follows the IPs connected now. Safe from any thread.
 */
public final class IpConnectionCounter {
  private final int max;
  private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  /** {@code max} sockets per IP; -1 means unlimited (nothing is counted). */
  public IpConnectionCounter(int max) {
    this.max = max;
  }

  public boolean limited() {
    return max >= 0;
  }

  /** True (and counted) when {@code ip} may hold one more socket. */
  public boolean tryAcquire(String ip) {
    if (max < 0) {
      return true;
    }
    boolean[] taken = new boolean[1];
    counts.compute(ip, (k, n) -> {
      AtomicInteger c = n == null ? new AtomicInteger() : n;
      if (c.get() < max) {
        c.incrementAndGet();
        taken[0] = true;
      }
      return c.get() == 0 ? null : c;
    });
    return taken[0];
  }

  /** Gives back one socket counted by {@link #tryAcquire}; call exactly once per success. */
  public void release(String ip) {
    if (max >= 0) {
      counts.computeIfPresent(ip, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
  }

  /** Sockets counted for {@code ip} now. */
  public int count(String ip) {
    AtomicInteger n = counts.get(ip);
    return n == null ? 0 : n.get();
  }
}
