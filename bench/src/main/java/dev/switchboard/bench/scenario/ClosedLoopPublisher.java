package dev.switchboard.bench.scenario;

import dev.switchboard.bench.http.ApiResponse;
import dev.switchboard.bench.http.HttpLane;
import dev.switchboard.bench.stats.LatencyStats;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One HTTP publisher that sends its next request as soon as the previous answer arrives (closed loop), so
 * offered load adapts to the server instead of queueing without bound. An optional gate holds it back while
 * the subscribers lag too far behind. Runs on its lane's event loop; start/stop from any thread.
 */
final class ClosedLoopPublisher {
    private static final Executor PAUSE = CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS);
    private static final Executor BACKOFF = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);

    private final HttpLane lane;
    private final Supplier<FullHttpRequest> requests;
    private final LatencyStats httpLatency;
    private final BooleanSupplier gate;
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running;

    ClosedLoopPublisher(HttpLane lane, Supplier<FullHttpRequest> requests, LatencyStats httpLatency,
            BooleanSupplier gate) {
        this.lane = lane;
        this.requests = requests;
        this.httpLatency = httpLatency;
        this.gate = gate;
    }

    void start() {
        running = true;
        next();
    }

    /** Stops after the request in flight; the future completes when it has answered. */
    CompletableFuture<Void> stop() {
        running = false;
        return stopped;
    }

    long acked() {
        return acked.sum();
    }

    long failed() {
        return failed.sum();
    }

    String lastError() {
        return lastError.get();
    }

    private void next() {
        if (!running) {
            stopped.complete(null);
            return;
        }
        if (!gate.getAsBoolean()) {
            CompletableFuture.runAsync(this::next, PAUSE);
            return;
        }
        lane.send(requests.get()).whenComplete(this::answered);
    }

    private void answered(ApiResponse r, Throwable e) {
        if (e == null && r.ok()) {
            acked.increment();
            if (httpLatency != null) {
                httpLatency.recordNanos(r.latencyNanos());
            }
            next();
            return;
        }
        failed.increment();
        lastError.set(e != null ? Bulk.describe(e) : "HTTP " + r.status() + " " + abbreviate(r.body()));
        CompletableFuture.runAsync(this::next, BACKOFF); // a failing server must not be hammered in a spin
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
