package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.client.PusherListener;
import dev.switchboard.bench.http.HttpLane;
import dev.switchboard.bench.stats.BenchPayload;
import dev.switchboard.bench.stats.LatencyStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * S2: small fan-out latency. Stable subscribers on one channel receive 10 HTTP publishes per second while
 * churners on the same channel reconnect every 5 s (staggered), so the channel's subscriber set changes
 * under the publishes. Only stable subscribers count: every acknowledged publish must reach every one.
 */
public final class S2SmallFanout implements Scenario {
    private static final String CHANNEL = "bench-s2";
    private static final int PUBLISHES_PER_SECOND = 10;
    private static final long CHURN_PERIOD_MS = 5_000;
    /** Publishes of the warm-up burst, at ten times the measured rate, before the measured publishes. */
    private static final int WARM_PUBLISHES = 300;

    @Override
    public String id() {
        return "S2";
    }

    @Override
    public String title() {
        return "small fan-out latency with subscriber churn";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds(180 + (long) duration(o));
    }

    private static double duration(BenchOptions o) {
        return o.scaledSeconds(o.durationSeconds(), 60, 5);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int subscribers = o.connections() != null ? o.connections() : o.scaled(500, 1);
        int churners = Math.max(1, subscribers / 2);
        double seconds = duration(o);
        r.param("subscribers", subscribers);
        r.param("churners", churners);
        r.param("publishes_per_s", PUBLISHES_PER_SECOND);
        r.param("duration_s", seconds);

        Deliveries stable = new Deliveries();
        FanoutSpread spread = new FanoutSpread(stable);
        Bulk.Outcome subs = Bulk.run(ctx, subscribers, o.inflight(),
                i -> Subscribe.connect(ctx, spread, List.of(CHANNEL)));
        AtomicReferenceArray<PusherConnection> churn = new AtomicReferenceArray<>(churners);
        Bulk.Outcome churnSubs = Bulk.run(ctx, churners, o.inflight(), i -> Subscribe
                .connect(ctx, PusherListener.IGNORE, List.of(CHANNEL)).thenAccept(c -> churn.set(i, c)));
        if (subs.failed() + churnSubs.failed() > 0) {
            r.error((subs.failed() + churnSubs.failed()) + " subscribers failed to connect: " + subs.firstError());
        }
        stable.latency.interval(); // nothing should be recorded yet; start clean

        Counters c = publishWhileChurning(ctx, r, stable, churn, seconds);
        long expected = c.acked.sum() * subs.ok();
        Waits.until(ctx, Duration.ofSeconds(5), 20, () -> stable.delivered() >= expected);
        report(r, stable, c, expected);
        FanoutSpread.Parts parts = spread.parts(c.measuredFromNanos);
        r.latency("first_subscriber", LatencyStats.Summary.of(parts.first().interval()));
        r.latency("first_to_last_spread", LatencyStats.Summary.of(parts.spread().interval()));
        ctx.connector().closeAll(Duration.ofSeconds(20));
    }

    /** What the publisher and the churners did. */
    private static final class Counters {
        final LongAdder acked = new LongAdder();
        final LongAdder httpErrors = new LongAdder();
        final AtomicReference<String> lastHttpError = new AtomicReference<>();
        final LongAdder reconnects = new LongAdder();
        final LongAdder reconnectErrors = new LongAdder();
        volatile long measuredFromNanos = System.nanoTime(); // moved to the end of the warm-up
    }

    /** 10 publishes/s on one keep-alive connection for {@code seconds}, churners reconnecting meanwhile. */
    private static Counters publishWhileChurning(BenchContext ctx, ScenarioResult r, Deliveries stable,
            AtomicReferenceArray<PusherConnection> churn, double seconds) throws InterruptedException {
        Counters c = new Counters();
        HttpLane lane = ctx.newLane();
        AtomicLong published = new AtomicLong();
        long total = Math.round(seconds * PUBLISHES_PER_SECOND);
        int payload = ctx.options().payloadBytes();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, Thread.ofPlatform().daemon()
                .name("s2-timer").factory());
        try {
            int warm = warmBurst(ctx, lane, c, payload);
            r.param("warmup_publishes", warm);
            timer.scheduleAtFixedRate(() -> {
                if (published.incrementAndGet() > total) {
                    return;
                }
                publish(ctx, lane, c, payload);
            }, 0, 1000 / PUBLISHES_PER_SECOND, TimeUnit.MILLISECONDS);
            // the first seconds measure JIT warm-up of server and generator, not steady state: loss still counts
            long warmupMs = (long) Math.min(5000, Math.max(1000, seconds * 100));
            r.param("latency_warmup_ms", warmupMs);
            timer.schedule(() -> {
                stable.latency.interval();
                c.measuredFromNanos = System.nanoTime();
            }, warmupMs, TimeUnit.MILLISECONDS);
            int churners = churn.length();
            for (int i = 0; i < churners; i++) {
                int slot = i;
                timer.scheduleAtFixedRate(() -> reconnect(ctx, churn, slot, c.reconnects, c.reconnectErrors),
                        CHURN_PERIOD_MS * i / churners, CHURN_PERIOD_MS, TimeUnit.MILLISECONDS);
            }
            Waits.until(ctx, Duration.ofMillis((long) (seconds * 1000) + 2000), 50,
                    () -> published.get() >= total && c.acked.sum() + c.httpErrors.sum() >= warm + total);
        } finally {
            timer.shutdownNow();
        }
        return c;
    }

    private static void report(ScenarioResult r, Deliveries stable, Counters c, long expected) {
        r.latency("latency", LatencyStats.Summary.of(stable.latency.interval()));
        r.metric("publishes", c.acked.sum(), "", Better.NONE);
        r.metric("delivered", stable.delivered(), "", Better.NONE);
        r.metric("expected", expected, "", Better.NONE);
        r.metric("lost", Math.max(0, expected - stable.delivered()), "", Better.LOWER);
        r.metric("http_errors", c.httpErrors.sum(), "", Better.LOWER);
        r.metric("churn_reconnects", c.reconnects.sum(), "", Better.NONE);
        r.metric("churn_errors", c.reconnectErrors.sum(), "", Better.LOWER);
        r.metric("stable_dropped", stable.unexpectedCloses(), "", Better.LOWER);
        if (stable.delivered() > expected) {
            r.note((stable.delivered() - expected) + " deliveries more than expected (duplicates?)");
        }
        if (expected != stable.delivered()) {
            r.error("delivered " + stable.delivered() + " of " + expected + " expected");
        }
        if (c.lastHttpError.get() != null) {
            r.note("last HTTP error: " + c.lastHttpError.get());
        }
    }

    private static java.util.concurrent.CompletableFuture<?> publish(BenchContext ctx, HttpLane lane, Counters c,
            int payload) {
        return lane.send(ctx.api().trigger(List.of(CHANNEL), "bench", BenchPayload.stampNow(payload)))
                .whenComplete((resp, e) -> {
                    if (e == null && resp.ok()) {
                        c.acked.increment();
                    } else {
                        c.httpErrors.increment();
                        c.lastHttpError.set(e != null ? Bulk.describe(e) : resp.status() + " " + resp.body());
                    }
                });
    }

    /**
     * Both ends' request and fan-out paths compiled before measuring, as on a server that has been running:
     * at 10 publishes/s a fresh JVM interprets them for most of a minute. The burst's deliveries count for
     * loss; its latencies fall in the warm-up window that is discarded anyway.
     */
    private static int warmBurst(BenchContext ctx, HttpLane lane, Counters c, int payload)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int sent = 0;
        for (; sent < WARM_PUBLISHES && System.nanoTime() < deadline; sent++) {
            publish(ctx, lane, c, payload);
            Thread.sleep(1000 / (10 * PUBLISHES_PER_SECOND));
        }
        // a cold server answers the burst slower than it comes: measured publishes queued behind the rest of
        // it on the lane would carry seconds of warm-up in their latency (short --duration runs showed it)
        int burst = sent;
        Waits.until(ctx, Duration.ofSeconds(30), 20, () -> c.acked.sum() + c.httpErrors.sum() >= burst);
        return burst;
    }

    /** Close the slot's connection and open a fresh one on the same channel. */
    private static void reconnect(BenchContext ctx, AtomicReferenceArray<PusherConnection> churn, int slot,
            LongAdder ok, LongAdder failed) {
        PusherConnection old = churn.getAndSet(slot, null);
        if (old == null) {
            return; // previous reconnect of this slot still in progress
        }
        old.close();
        Subscribe.connect(ctx, PusherListener.IGNORE, List.of(CHANNEL)).whenComplete((c, e) -> {
            if (e == null) {
                ok.increment();
                churn.set(slot, c);
            } else {
                failed.increment();
                // try again next period from a fresh connection rather than leaving the slot empty forever
                Subscribe.connect(ctx, PusherListener.IGNORE, List.of(CHANNEL)).thenAccept(c2 -> churn.set(slot, c2));
            }
        });
    }
}
