package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.stats.LatencyStats;
import dev.switchboard.bench.stats.ProcessSampler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * S5's open-loop half: members leave and rejoin at a fixed rate (a leave and a join count as two operations),
 * stepping the rate up until join p99 passes the limit. The burst rounds show how fast a backlog drains;
 * this shows the rate the server sustains while each join still answers quickly. A member whose previous
 * join has not been answered is skipped (and counted), never queued, so the offered rate stays honest.
 */
final class PacedChurn {
    static final int[] RATES = {500, 1000, 2000, 3000, 4000, 6000, 8000};
    private static final int TICKS_PER_SECOND = 100;
    private static final ProcessSampler SELF = new ProcessSampler(ProcessHandle.current().pid());

    private PacedChurn() {}

    static double stepSeconds(BenchOptions o) {
        return o.scaledSeconds(o.stepSeconds(), 5, 2);
    }

    /**
     * Runs the steps; {@code rejoin} leaves member i's channel and starts its join, completing on
     * subscription_succeeded. Records the highest rate whose join p99 is within {@code limitMs}.
     */
    static void run(BenchContext ctx, ScenarioResult r, AtomicReferenceArray<PusherConnection> conns,
            IntFunction<CompletableFuture<?>> rejoin, double limitMs) throws InterruptedException {
        int n = conns.length();
        double step = stepSeconds(ctx.options());
        r.param("paced_step_s", step);
        r.param("paced_p99_limit_ms", limitMs);
        double best = 0;
        double p99AtBest = Double.NaN;
        int cursor = 0;
        for (int rate : RATES) {
            Step s = new Step(n);
            ProcessSampler.Sample self0 = SELF.sample();
            Optional<ProcessSampler.Sample> server0 = ctx.sampler().map(ProcessSampler::sample);
            cursor = s.offer(ctx, rate, step, cursor, rejoin);
            double benchPct = SELF.sample().cpuPercentSince(self0);
            double serverPct = ctx.sampler().map(x -> x.sample().cpuPercentSince(server0.get())).orElse(Double.NaN);
            LatencyStats.Summary sum = LatencyStats.Summary.of(s.latency.interval());
            double achieved = 2.0 * s.done.sum() / step;
            System.err.printf("[S5] paced %d ops/s: %.0f done/s, join p99 %.2f ms, %d skipped, %d failed,"
                    + " server CPU %.0f%%, bench CPU %.0f%%%n", rate, achieved, sum.p99Ms(), s.skipped.sum(),
                    s.failed.sum(), serverPct, benchPct);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("paced_ops_per_s", rate);
            row.put("done_per_s", achieved);
            row.put("join_p50_ms", sum.p50Ms());
            row.put("join_p99_ms", sum.p99Ms());
            row.put("server_cpu_pct", serverPct);
            row.put("bench_cpu_pct", benchPct);
            r.step(row);
            boolean kept = sum.p99Ms() <= limitMs && s.failed.sum() == 0 && s.skipped.sum() == 0
                    && achieved >= 0.95 * rate;
            if (rate == 2000) {
                r.metric("paced_2000_join_p99_ms", sum.p99Ms(), "ms", Better.LOWER);
            }
            if (!kept) {
                break;
            }
            best = rate;
            p99AtBest = sum.p99Ms();
        }
        r.metric("paced_rate_within_p99_limit", best, "1/s", Better.HIGHER);
        r.metric("paced_join_p99_ms_at_that_rate", p99AtBest, "ms", Better.LOWER);
    }

    /** One rate step: every tick starts the next members' leave/rejoin cycles, then waits for answers. */
    private static final class Step {
        final LatencyStats latency = new LatencyStats();
        final LongAdder done = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final AtomicIntegerArray busy;

        Step(int n) {
            busy = new AtomicIntegerArray(n);
        }

        int offer(BenchContext ctx, int opsPerSecond, double seconds, int cursor,
                IntFunction<CompletableFuture<?>> rejoin) throws InterruptedException {
            int n = busy.length();
            double cyclesPerTick = opsPerSecond / 2.0 / TICKS_PER_SECOND;
            long ticks = Math.round(seconds * TICKS_PER_SECOND);
            int[] next = {cursor};
            double[] owed = {0};
            long[] tick = {0};
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("s5-pacer").factory());
            try {
                timer.scheduleAtFixedRate(() -> {
                    if (tick[0]++ >= ticks) {
                        return;
                    }
                    owed[0] += cyclesPerTick;
                    for (; owed[0] >= 1; owed[0]--) {
                        int i = next[0];
                        next[0] = (i + 1) % n;
                        start(i, rejoin);
                    }
                }, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
                Waits.until(ctx, java.time.Duration.ofMillis((long) (seconds * 1000) + 200), 20,
                        () -> tick[0] >= ticks);
            } finally {
                timer.shutdownNow();
            }
            // answers still outstanding belong to this step: give them a bounded moment
            Waits.until(ctx, java.time.Duration.ofSeconds(5), 20, this::idle);
            return next[0];
        }

        private void start(int i, IntFunction<CompletableFuture<?>> rejoin) {
            if (!busy.compareAndSet(i, 0, 1)) {
                skipped.increment();
                return;
            }
            long t0 = System.nanoTime();
            rejoin.apply(i).whenComplete((v, e) -> {
                if (e == null) {
                    latency.recordSince(t0);
                    done.increment();
                } else {
                    failed.increment();
                }
                busy.set(i, 0);
            });
        }

        private boolean idle() {
            for (int i = 0; i < busy.length(); i++) {
                if (busy.get(i) != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
