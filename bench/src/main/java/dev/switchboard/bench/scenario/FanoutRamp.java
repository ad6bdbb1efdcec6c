package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.client.PusherListener;
import dev.switchboard.bench.http.HttpLane;
import dev.switchboard.bench.http.PusherApi;
import dev.switchboard.bench.stats.BenchPayload;
import dev.switchboard.bench.stats.LatencyStats;
import dev.switchboard.bench.stats.ProcessSampler;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The large fan-out ramp behind S3a, S3b and S7: many subscribers on one channel, closed-loop HTTP publishers
 * doubling per step (1, 2, 4, ...) until deliveries/s stop growing (less than +5%) or delivery p99 passes the
 * limit. Each step drains before the next, so its deliveries/s is total deliveries over the time until the
 * last one arrived, and its server CPU is charged to exactly those deliveries.
 */
final class FanoutRamp {
    /** Publishers pause while this many deliveries are outstanding, so a server that acknowledges before it
     *  delivers cannot be driven into unbounded buffering, and every step can drain in a few seconds. */
    private static final long MAX_BACKLOG_DELIVERIES = 100_000;
    /** A step's drain ends when all deliveries arrived, or nothing arrived for this long (then: loss). */
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration DRAIN = Duration.ofSeconds(30);

    record Config(String channel, int subscribers, int batch, double slowFraction) {}

    /** What the subscribers of a ramp are, available to the scenario after the run (e.g. for S7's figures). */
    record Audience(Deliveries readers, int readerCount, List<PusherConnection> slow, Deliveries slowEvents) {}

    private FanoutRamp() {}

    static double stepSeconds(BenchOptions o) {
        return o.scaledSeconds(o.stepSeconds(), 10, 3);
    }

    static Duration hardTimeout(BenchOptions o) {
        int steps = 1 + (int) Math.ceil(Math.log(Math.max(1, o.maxPublishers())) / Math.log(2));
        return Duration.ofSeconds(120 + (long) (steps * (stepSeconds(o) + DRAIN.toSeconds() + 5)));
    }

    static Audience connect(BenchContext ctx, ScenarioResult r, Config cfg) throws InterruptedException {
        int every = cfg.slowFraction() > 0 ? Math.max(1, (int) Math.round(1 / cfg.slowFraction())) : 0;
        Deliveries readers = new Deliveries();
        Deliveries slowEvents = new Deliveries();
        List<PusherConnection> slow = java.util.Collections.synchronizedList(new ArrayList<>());
        Bulk.Outcome out = Bulk.run(ctx, cfg.subscribers(), ctx.options().inflight(), i -> {
            boolean isSlow = every > 0 && i % every == every - 1;
            PusherListener l = isSlow ? slowEvents : readers;
            return Subscribe.connect(ctx, l, List.of(cfg.channel())).thenAccept(c -> {
                if (isSlow) {
                    c.stopReading();
                    slow.add(c);
                }
            });
        });
        r.metric("subscribers", out.ok(), "", Better.NONE);
        if (out.failed() > 0) {
            r.error(out.failed() + " subscribers failed to connect: " + out.firstError());
        }
        System.err.printf("[%s] %d subscribers (%d slow) in %.1f s%n", r.scenarioId(), out.ok(), slow.size(),
                out.elapsedNanos() / 1e9);
        return new Audience(readers, out.ok() - slow.size(), slow, slowEvents);
    }

    /** Runs the ramp and records the best step (highest deliveries/s within the p99 limit) as metrics. */
    static void run(BenchContext ctx, ScenarioResult r, Config cfg, Audience audience) throws Exception {
        BenchOptions o = ctx.options();
        Duration step = Duration.ofMillis((long) (stepSeconds(o) * 1000));
        r.param("step_s", step.toMillis() / 1000.0);
        r.param("batch", cfg.batch());
        r.param("p99_limit_ms", o.p99LimitMs());
        List<HttpLane> lanes = new ArrayList<>();
        ProcessSampler self = new ProcessSampler(ProcessHandle.current().pid());
        Map<String, Object> best = null;
        Map<String, Object> first = null;
        double peakRate = 0;
        long lostTotal = 0;
        long duplicates = 0;
        // a short unrecorded step first: JIT warm-up of server and generator would otherwise land in step 1
        lanes.add(ctx.newLane());
        Duration warmup = Duration.ofMillis(Math.min(3000, step.toMillis()));
        Map<String, Object> w = step(ctx, cfg, audience, lanes, warmup, self);
        r.param("warmup_s", warmup.toMillis() / 1000.0);
        System.err.printf("[%s] warm-up: deliveries/s=%.0f (not recorded)%n", r.scenarioId(),
                (double) w.get("deliveries_per_s"));
        for (int publishers = 1; publishers <= o.maxPublishers(); publishers *= 2) {
            if (ctx.remainingMillis() < step.plus(DRAIN).toMillis() + 15_000) {
                r.note("ramp stopped before " + publishers + " publishers: hard timeout near");
                break;
            }
            while (lanes.size() < publishers) {
                lanes.add(ctx.newLane());
            }
            Map<String, Object> s = step(ctx, cfg, audience, lanes.subList(0, publishers), step, self);
            r.step(s);
            if (first == null) {
                first = s;
            }
            double rate = (double) s.get("deliveries_per_s");
            double p99 = (double) s.get("p99_ms");
            lostTotal += (long) s.get("lost");
            duplicates += (long) s.get("duplicates");
            System.err.printf("[%s] publishers=%d deliveries/s=%.0f p50=%.2fms p99=%.2fms lost=%d bench_cpu=%.0f%%%n",
                    r.scenarioId(), publishers, rate, (double) s.get("p50_ms"), p99, (long) s.get("lost"),
                    (double) s.get("bench_cpu_pct"));
            peakRate = Math.max(peakRate, rate);
            boolean withinLimit = p99 <= o.p99LimitMs();
            double bestRate = best == null ? 0 : (double) best.get("deliveries_per_s");
            if (withinLimit && rate > bestRate) {
                best = s;
            }
            if (!withinLimit || rate < bestRate * 1.05) {
                break; // over the latency limit, or no longer growing
            }
        }
        if (first == null) {
            r.error("no ramp step ran");
            return;
        }
        record(r, best, first, peakRate, lostTotal);
        if (duplicates > 0) {
            r.error(duplicates + " deliveries more than were published");
        }
    }

    private static void record(ScenarioResult r, Map<String, Object> best, Map<String, Object> first,
            double peakRate, long lost) {
        r.metric("lost", lost, "", Better.LOWER);
        r.metric("peak_deliveries_per_s", peakRate, "1/s", Better.HIGHER);
        r.metric("p99_limit_met", best == null ? 0 : 1, "", Better.HIGHER);
        if (best == null) {
            // still a result: the server cannot hold the limit even with one publisher; report that step
            r.note("no ramp step stayed within the p99 limit; figures are from the first step");
            best = first;
        }
        r.metric("deliveries_per_s", (double) best.get("deliveries_per_s"), "1/s", Better.HIGHER);
        r.metric("publishers", (int) best.get("publishers"), "", Better.NONE);
        r.metric("latency_p50_ms", (double) best.get("p50_ms"), "ms", Better.LOWER);
        r.metric("latency_p99_ms", (double) best.get("p99_ms"), "ms", Better.LOWER);
        r.metric("latency_max_ms", (double) best.get("max_ms"), "ms", Better.LOWER);
        double cpuUs = (double) best.get("server_cpu_us_per_delivery");
        r.metric("cpu_us_per_delivery", cpuUs, "us", Better.LOWER);
        // the server's own ceiling on one core, which is what counts when the generator is the one saturated
        r.metric("server_deliveries_per_cpu_s", cpuUs > 0 ? 1e6 / cpuUs : Double.NaN, "1/s", Better.HIGHER);
        r.metric("server_cpu_pct", (double) best.get("server_cpu_pct"), "%", Better.NONE);
        r.metric("bench_cpu_us_per_delivery", (double) best.get("bench_cpu_us_per_delivery"), "us", Better.NONE);
        if ((double) best.get("bench_cpu_pct") > 90) {
            r.note("the generator used " + Math.round((double) best.get("bench_cpu_pct"))
                    + "% of a core in the reported step: deliveries/s is a lower bound for this server");
        }
        if (lost > 0) {
            r.error(lost + " deliveries lost across the ramp");
        }
    }

    /**
     * Waits until {@code target} deliveries, or until none arrived for {@link #QUIET} (a loss), at most
     * {@link #DRAIN}; returns the time of the last delivery seen, which ends the step's throughput window.
     */
    private static long drain(BenchContext ctx, Deliveries readers, long target) throws InterruptedException {
        long last = readers.delivered();
        long lastChange = System.nanoTime();
        long end = lastChange + Math.min(DRAIN.toNanos(), ctx.remainingMillis() * 1_000_000L);
        while (last < target) {
            long now = System.nanoTime();
            if (now > end || now - lastChange > QUIET.toNanos()) {
                break;
            }
            Thread.sleep(2);
            long d = readers.delivered();
            if (d != last) {
                last = d;
                lastChange = System.nanoTime();
            }
        }
        return lastChange;
    }

    private static Map<String, Object> step(BenchContext ctx, Config cfg, Audience a, List<HttpLane> lanes,
            Duration length, ProcessSampler self) throws Exception {
        PusherApi api = ctx.api();
        int payload = ctx.options().payloadBytes();
        Supplier<FullHttpRequest> requests = cfg.batch() <= 1
                ? () -> api.trigger(List.of(cfg.channel()), "bench", BenchPayload.stampNow(payload))
                : () -> {
                    String data = BenchPayload.stampNow(payload);
                    List<PusherApi.Event> events = new ArrayList<>(cfg.batch());
                    for (int i = 0; i < cfg.batch(); i++) {
                        events.add(new PusherApi.Event(cfg.channel(), "bench", data));
                    }
                    return api.batch(events);
                };
        a.readers().latency.interval();
        long delivered0 = a.readers().delivered();
        int readers = a.readerCount();
        List<ClosedLoopPublisher> pubs = new ArrayList<>();
        Supplier<Long> sent = () -> pubs.stream().mapToLong(ClosedLoopPublisher::acked).sum() * cfg.batch();
        Optional<ProcessSampler.Sample> server0 = ctx.sample();
        ProcessSampler.Sample self0 = self.sample();
        long start = System.nanoTime();
        long maxEventsBehind = Math.max(cfg.batch(), MAX_BACKLOG_DELIVERIES / Math.max(1, readers));
        for (HttpLane lane : lanes) {
            pubs.add(new ClosedLoopPublisher(lane, requests, null, () -> readers == 0
                    || sent.get() - (a.readers().delivered() - delivered0) / readers < maxEventsBehind));
        }
        pubs.forEach(ClosedLoopPublisher::start);
        ctx.sleep(length);
        CompletableFuture.allOf(pubs.stream().map(ClosedLoopPublisher::stop).toArray(CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);
        long expected = sent.get() * readers;
        long end = drain(ctx, a.readers(), delivered0 + expected);
        long delivered = a.readers().delivered() - delivered0;
        Optional<ProcessSampler.Sample> server1 = ctx.sample();
        LatencyStats.Summary lat = LatencyStats.Summary.of(a.readers().latency.interval());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("publishers", lanes.size());
        s.put("requests", pubs.stream().mapToLong(ClosedLoopPublisher::acked).sum());
        s.put("http_errors", pubs.stream().mapToLong(ClosedLoopPublisher::failed).sum());
        s.put("delivered", delivered);
        s.put("expected", expected);
        s.put("lost", Math.max(0, expected - delivered));
        s.put("duplicates", Math.max(0, delivered - expected)); // more than published: a server bug
        s.put("deliveries_per_s", delivered * 1e9 / (end - start));
        s.put("p50_ms", lat.p50Ms());
        s.put("p99_ms", lat.p99Ms());
        s.put("p999_ms", lat.p999Ms());
        s.put("max_ms", lat.maxMs());
        s.put("server_cpu_pct", server1.map(x -> x.cpuPercentSince(server0.get())).orElse(Double.NaN));
        s.put("server_cpu_us_per_delivery", server1.map(x -> delivered == 0 ? Double.NaN
                : (double) x.cpuMicrosSince(server0.get()) / delivered).orElse(Double.NaN));
        s.put("server_rss_mb", server1.map(x -> x.rssBytes() / 1048576.0).orElse(Double.NaN));
        ProcessSampler.Sample self1 = self.sample();
        s.put("bench_cpu_pct", self1.cpuPercentSince(self0));
        s.put("bench_cpu_us_per_delivery", delivered == 0 ? Double.NaN
                : (double) self1.cpuMicrosSince(self0) / delivered);
        pubs.stream().map(ClosedLoopPublisher::lastError).filter(e -> e != null).findFirst()
                .ifPresent(e -> s.put("last_http_error", e));
        return s;
    }
}
