package dev.switchboard.bench.scenario;

import dev.switchboard.bench.http.ApiResponse;
import dev.switchboard.bench.http.HttpLane;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Open-loop HTTP requests at a fixed rate over keep-alive lanes: request k is built (and stamped) at its due
 * time {@code start + k / rate} and handed to the lane with the fewest outstanding; when every lane already has
 * {@code depth} outstanding the pacer waits (counted as a stall, and the schedule slips) instead of queueing
 * without bound. Runs on the calling thread; bounded by {@code total} and by {@code deadlineNanos}.
 */
final class OpenLoopHttp {
    /** Called once per request, on a lane's event loop: the response, or the failure (status -1). */
    interface Answer {
        void on(long k, ApiResponse response, Throwable failure);
    }

    final AtomicLong sent = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final LongAdder stalls = new LongAdder();
    /** Status → count; -1 = no response (connection lost, timeout). */
    final ConcurrentSkipListMap<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
    volatile long startNanos;
    volatile long lastSendNanos;

    private final List<HttpLane> lanes;
    private final AtomicInteger[] outstanding;
    private final int depth;

    OpenLoopHttp(List<HttpLane> lanes, int depth) {
        this.lanes = lanes;
        this.depth = depth;
        this.outstanding = new AtomicInteger[lanes.size()];
        for (int i = 0; i < outstanding.length; i++) {
            outstanding[i] = new AtomicInteger();
        }
    }

    /** Sends requests {@code from} … {@code to − 1} at {@code rate}/s; returns how many were sent in all so far. */
    long run(long from, long to, double rate, LongFunction<FullHttpRequest> request, Answer answer,
            long deadlineNanos) {
        long start = System.nanoTime();
        startNanos = start;
        long shift = 0; // how far the schedule slipped behind while every lane was full
        for (long k = from; k < to; k++) {
            long due = start + shift + (long) ((k - from) * 1e9 / rate);
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(Math.min(due - now, 1_000_000));
            }
            int lane = pick((int) (k % lanes.size()));
            if (lane < 0) {
                stalls.increment();
                long waitFrom = System.nanoTime();
                while ((lane = pick((int) (k % lanes.size()))) < 0) {
                    if (System.nanoTime() > deadlineNanos) {
                        return sent.get();
                    }
                    LockSupport.parkNanos(50_000);
                }
                shift += System.nanoTime() - waitFrom;
            }
            if (System.nanoTime() > deadlineNanos) {
                break;
            }
            AtomicInteger out = outstanding[lane];
            out.incrementAndGet();
            final long kk = k;
            lanes.get(lane).send(request.apply(k)).whenComplete((resp, err) -> {
                out.decrementAndGet();
                statuses.computeIfAbsent(err == null ? resp.status() : -1, s -> new LongAdder()).increment();
                answered.incrementAndGet();
                answer.on(kk, resp, err);
            });
            sent.incrementAndGet();
            lastSendNanos = System.nanoTime();
        }
        return sent.get();
    }

    /** Waits until every sent request is answered or the deadline passes; true if all were. */
    boolean awaitAnswers(long deadlineNanos) {
        while (answered.get() < sent.get()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return true;
    }

    /** "200:1234 410:2 -1:1" */
    String statusSummary() {
        StringBuilder sb = new StringBuilder();
        statuses.forEach((s, n) -> sb.append(sb.isEmpty() ? "" : " ").append(s < 0 ? "none" : s).append(':')
                .append(n.sum()));
        return sb.toString();
    }

    long count(int status) {
        LongAdder a = statuses.get(status);
        return a == null ? 0 : a.sum();
    }

    private int pick(int from) {
        int best = -1;
        int bestOut = depth;
        for (int j = 0; j < outstanding.length; j++) {
            int i = (from + j) % outstanding.length;
            int o = outstanding[i].get();
            if (o < bestOut) {
                best = i;
                bestOut = o;
                if (o == 0) {
                    break;
                }
            }
        }
        return best;
    }
}
