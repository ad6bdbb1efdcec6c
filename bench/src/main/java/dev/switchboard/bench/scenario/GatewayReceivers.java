package dev.switchboard.bench.scenario;

import dev.switchboard.bench.client.GatewayConnection;
import dev.switchboard.bench.client.GatewayFrames;
import dev.switchboard.bench.stats.LatencyStats;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What gateway sockets receive from the server's side (notifications, @connections posts): messages
 * {@code {"seq":N,"t":<nanoTime>,...}} found by a byte scan. Counts deliveries per seq (loss by seq), duplicates
 * per socket, foreign frames, and records send stamp → receive latency for seq ≥ {@code recordFrom}.
 */
final class GatewayReceivers {
    static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    static final byte[] T = "\"t\":".getBytes(StandardCharsets.US_ASCII);

    final LatencyStats latency = new LatencyStats();
    final LongAdder delivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder foreign = new LongAdder();
    final AtomicLong lastDeliveryNanos = new AtomicLong();
    final AtomicIntegerArray perSeq;
    final java.util.concurrent.atomic.AtomicLongArray perSocket;
    private final long recordFrom;

    GatewayReceivers(List<GatewayConnection> sockets, int total, long recordFrom) {
        this.perSeq = new AtomicIntegerArray(Math.max(1, total));
        this.perSocket = new java.util.concurrent.atomic.AtomicLongArray(sockets.size());
        this.recordFrom = recordFrom;
        for (int i = 0; i < sockets.size(); i++) {
            int idx = i;
            BitSet seen = new BitSet(); // touched on the socket's loop only
            sockets.get(i).listen((now, text) -> onText(idx, seen, now, text));
        }
    }

    /** The message the bench sends: {@code {"seq":N,"t":T,"p":"xx.."}}. */
    static String message(long seq, long nanos, String pad) {
        return "{\"seq\":" + seq + ",\"t\":" + nanos + ",\"p\":\"" + pad + "\"}";
    }

    private void onText(int socket, BitSet seen, long now, ByteBuf text) {
        long seq = GatewayFrames.longField(text, SEQ);
        long t = GatewayFrames.longField(text, T);
        if (seq < 0 || seq >= perSeq.length() || t == Long.MIN_VALUE) {
            foreign.increment();
            return;
        }
        if (seen.get((int) seq)) {
            duplicates.increment();
            return;
        }
        seen.set((int) seq);
        perSeq.incrementAndGet((int) seq);
        perSocket.incrementAndGet(socket);
        delivered.increment();
        lastDeliveryNanos.accumulateAndGet(now, Math::max);
        if (seq >= recordFrom) {
            latency.recordNanos(now - t);
        }
    }

    /**
     * Waits until {@code expected} deliveries arrived, or nothing arrived for {@code quietNanos}, or
     * {@code maxNanos} passed. Returns the deliveries seen.
     */
    long drain(java.util.function.LongSupplier expected, long quietNanos, long maxNanos) throws InterruptedException {
        long start = System.nanoTime();
        long last = -1;
        long lastChange = start;
        while (System.nanoTime() - start < maxNanos) {
            long seen = delivered.sum();
            if (seen >= expected.getAsLong()) {
                break;
            }
            if (seen != last) {
                last = seen;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quietNanos) {
                break;
            }
            Thread.sleep(20);
        }
        return delivered.sum();
    }
}
