package dev.switchboard.bench.scenario;

import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.client.PusherListener;
import dev.switchboard.bench.stats.LatencyStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts bench deliveries and records publish-to-deliver latency for a group of subscribers, and counts
 * closes the bench did not ask for (by close code) — a lost subscriber would otherwise look like message loss.
 */
final class Deliveries implements PusherListener {
    final LatencyStats latency = new LatencyStats();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder unexpectedCloses = new LongAdder();
    private final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();

    @Override
    public void onDelivery(PusherConnection connection, long sentNanos) {
        latency.recordSince(sentNanos);
        delivered.increment();
    }

    @Override
    public void onClosed(PusherConnection connection, int closeCode, boolean byUs) {
        if (!byUs) {
            unexpectedCloses.increment();
            closeCodes.computeIfAbsent(closeCode, k -> new LongAdder()).increment();
        }
    }

    long delivered() {
        return delivered.sum();
    }

    long unexpectedCloses() {
        return unexpectedCloses.sum();
    }

    /** close code (-1: none) to count, for notes. */
    Map<Integer, Long> closeCodes() {
        Map<Integer, Long> m = new TreeMap<>();
        closeCodes.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
