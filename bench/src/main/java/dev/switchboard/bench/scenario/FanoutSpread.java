package dev.switchboard.bench.scenario;

import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.client.PusherListener;
import dev.switchboard.bench.stats.LatencyStats;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits a fan-out's publish→deliver latency into its two parts: the time until the FIRST subscriber has
 * the event (request handling, one write, the wake-up of a reader) and the spread from the first to the
 * LAST subscriber (one socket write after another on the server, one read after another here). When the
 * spread dominates, the figure is set by per-recipient kernel work, not by the server's request path.
 * Wraps the listener that counts deliveries; an event is recognised by its publish stamp.
 */
final class FanoutSpread implements PusherListener {
    private final PusherListener counted;
    private final ConcurrentHashMap<Long, long[]> byPublish = new ConcurrentHashMap<>();

    FanoutSpread(PusherListener counted) {
        this.counted = counted;
    }

    @Override
    public void onDelivery(PusherConnection connection, long sentNanos) {
        counted.onDelivery(connection, sentNanos);
        long now = System.nanoTime();
        byPublish.compute(sentNanos, (k, firstLast) -> {
            if (firstLast == null) {
                return new long[] {now, now};
            }
            firstLast[0] = Math.min(firstLast[0], now);
            firstLast[1] = Math.max(firstLast[1], now);
            return firstLast;
        });
    }

    @Override
    public void onClosed(PusherConnection connection, int closeCode, boolean byUs) {
        counted.onClosed(connection, closeCode, byUs);
    }

    /** First-subscriber latency and first-to-last spread of the publishes stamped at or after {@code sinceNanos}. */
    Parts parts(long sinceNanos) {
        Parts p = new Parts(new LatencyStats(), new LatencyStats());
        byPublish.forEach((sent, firstLast) -> {
            if (sent - sinceNanos >= 0) {
                p.first.recordNanos(firstLast[0] - sent);
                p.spread.recordNanos(firstLast[1] - firstLast[0]);
            }
        });
        return p;
    }

    record Parts(LatencyStats first, LatencyStats spread) {}
}
