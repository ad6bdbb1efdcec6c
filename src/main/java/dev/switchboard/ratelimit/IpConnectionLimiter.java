package dev.switchboard.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * New sockets per client IP per second, checked at the handshake so a flood is refused before any
 * WebSocket exists. One token bucket per IP, updated under its own lock from any loop; a bucket idle for
 * a few seconds is full again, so {@link #evictIdle} drops it and memory stays bounded by recent IPs.
 */
public final class IpConnectionLimiter {
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final class Entry {
    final TokenBucket bucket;
    long lastUsedNanos;

    Entry(int perSecond) {
      this.bucket = new TokenBucket(perSecond);
    }
  }

  private final int perSecond;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  public IpConnectionLimiter(int perSecond) {
    this.perSecond = perSecond;
  }

  /** True when {@code ip} may open one more socket now; -1 per second means unlimited. */
  public boolean tryAcquire(String ip) {
    if (perSecond < 0) {
      return true;
    }
    Entry e = entries.computeIfAbsent(ip, k -> new Entry(perSecond));
    synchronized (e) {
      e.lastUsedNanos = System.nanoTime();
      return e.bucket.tryTake(1, perSecond);
    }
  }

  /** Forgets IPs not seen for a while; called periodically from one loop. */
  public void evictIdle() {
    long now = System.nanoTime();
    entries.values().removeIf(e -> {
      synchronized (e) {
        return now - e.lastUsedNanos > IDLE_NANOS;
      }
    });
  }

  int size() {
    return entries.size();
  }
}
