package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
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
 * S4: HTTP API throughput. Three phases over several keep-alive connections, each a closed-loop publisher:
 * POST /events to a channel nobody is on, POST /events to a channel with 10 subscribers, and POST
 * /batch_events with 10 events. A warm-up precedes each measured window so JIT-compiled servers are compared
 * at steady state.
 */
public final class S4HttpApi implements Scenario {
    private static final String EMPTY = "bench-s4-empty";
    private static final String TEN = "bench-s4-ten";
    private static final ProcessSampler SELF = new ProcessSampler(ProcessHandle.current().pid());

    @Override
    public String id() {
        return "S4";
    }

    @Override
    public String title() {
        return "HTTP API: signed POST /events (0 and 10 subscribers) and batch_events of 10";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds(120 + 3 * (long) (phase(o) * 1.5));
    }

    private static double phase(BenchOptions o) {
        return o.scaledSeconds(o.durationSeconds(), 10, 2);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int subs = o.connections() != null ? o.connections() : 10;
        r.param("http_connections", o.httpConnections());
        r.param("phase_s", phase(o));
        r.param("subscribers", subs);
        List<HttpLane> lanes = new ArrayList<>();
        for (int i = 0; i < o.httpConnections(); i++) {
            lanes.add(ctx.newLane());
        }
        PusherApi api = ctx.api();
        int size = o.payloadBytes();
        phase(ctx, r, lanes, "events0", 1,
                () -> api.trigger(List.of(EMPTY), "bench", BenchPayload.stampNow(size)));

        Deliveries ten = new Deliveries();
        Bulk.Outcome c = Bulk.run(ctx, subs, o.inflight(), i -> Subscribe.connect(ctx, ten, List.of(TEN)));
        if (c.failed() > 0) {
            r.error(c.failed() + " subscribers failed: " + c.firstError());
        }
        long acked10 = phase(ctx, r, lanes, "events10", 1,
                () -> api.trigger(List.of(TEN), "bench", BenchPayload.stampNow(size)));
        long expected = acked10 * c.ok();
        Waits.until(ctx, Duration.ofSeconds(5), 20, () -> ten.delivered() >= expected);
        r.metric("events10_lost", Math.max(0, expected - ten.delivered()), "", Better.LOWER);
        if (ten.delivered() != expected) {
            r.error("events10: " + ten.delivered() + " deliveries, expected " + expected);
        }
        r.metric("events10_delivery_p99_ms", LatencyStats.Summary.of(ten.latency.interval()).p99Ms(), "ms",
                Better.LOWER);
        ctx.connector().closeAll(Duration.ofSeconds(10));

        phase(ctx, r, lanes, "batch10", 10, () -> {
            String data = BenchPayload.stampNow(size);
            List<PusherApi.Event> events = new ArrayList<>(10);
            for (int i = 0; i < 10; i++) {
                events.add(new PusherApi.Event(EMPTY, "bench", data));
            }
            return api.batch(events);
        });
    }

    /** Warm-up, then a measured window; returns requests acknowledged in total (warm-up included). */
    private long phase(BenchContext ctx, ScenarioResult r, List<HttpLane> lanes, String name, int eventsPerRequest,
            Supplier<FullHttpRequest> requests) throws Exception {
        double seconds = phase(ctx.options());
        // JIT-compiled servers need seconds to reach steady state, more on a slow core where the compiler
        // shares the server's CPU (3 s left the first phase half-compiled on a 2-core EPYC VM); the window
        // after it is measured
        Duration warmup = Duration.ofMillis((long) Math.max(1000, Math.min(8000, seconds * 800)));
        LatencyStats http = new LatencyStats();
        List<ClosedLoopPublisher> pubs = new ArrayList<>();
        for (HttpLane lane : lanes) {
            pubs.add(new ClosedLoopPublisher(lane, requests, http, () -> true));
        }
        pubs.forEach(ClosedLoopPublisher::start);
        ctx.sleep(warmup);
        http.interval();
        long acked0 = pubs.stream().mapToLong(ClosedLoopPublisher::acked).sum();
        long failed0 = pubs.stream().mapToLong(ClosedLoopPublisher::failed).sum();
        long connects0 = lanes.stream().mapToLong(HttpLane::connects).sum();
        Optional<ProcessSampler.Sample> s0 = ctx.sample();
        ProcessSampler.Sample self0 = SELF.sample();
        long t0 = System.nanoTime();
        ctx.sleep(Duration.ofMillis((long) (seconds * 1000)));
        long acked = pubs.stream().mapToLong(ClosedLoopPublisher::acked).sum() - acked0;
        long failed = pubs.stream().mapToLong(ClosedLoopPublisher::failed).sum() - failed0;
        long t1 = System.nanoTime();
        long connects = lanes.stream().mapToLong(HttpLane::connects).sum() - connects0;
        Optional<ProcessSampler.Sample> s1 = ctx.sample();
        double benchCpu = SELF.sample().cpuPercentSince(self0);
        LatencyStats.Summary lat = LatencyStats.Summary.of(http.interval());
        CompletableFuture.allOf(pubs.stream().map(ClosedLoopPublisher::stop).toArray(CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);
        double rps = acked * 1e9 / (t1 - t0);
        r.metric(name + "_rps", rps, "1/s", Better.HIGHER);
        r.metric(name + "_p50_ms", lat.p50Ms(), "ms", Better.LOWER);
        r.metric(name + "_p99_ms", lat.p99Ms(), "ms", Better.LOWER);
        r.metric(name + "_errors", failed, "", Better.LOWER);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("phase", name);
        step.put("events_per_request", eventsPerRequest);
        step.put("requests", acked);
        step.put("rps", rps);
        step.put("p50_ms", lat.p50Ms());
        step.put("p99_ms", lat.p99Ms());
        step.put("p999_ms", lat.p999Ms());
        step.put("max_ms", lat.maxMs());
        step.put("errors", failed);
        step.put("bench_cpu_pct", benchCpu);
        step.put("tcp_connects", connects);
        if (acked > 0 && connects >= acked / 2) {
            r.note(name + ": the server closed the connection after (almost) every response (" + connects
                    + " TCP connects for " + acked + " requests): keep-alive not honoured");
        }
        if (benchCpu > 90) {
            r.note(name + ": the generator used " + Math.round(benchCpu) + "% of a core; req/s is a lower bound");
        }
        if (s1.isPresent()) {
            double cpuPerReq = acked == 0 ? Double.NaN : (double) s1.get().cpuMicrosSince(s0.get()) / acked;
            step.put("server_cpu_pct", s1.get().cpuPercentSince(s0.get()));
            step.put("server_cpu_us_per_request", cpuPerReq);
            r.metric(name + "_cpu_us_per_req", cpuPerReq, "us", Better.LOWER);
        }
        String err = pubs.stream().map(ClosedLoopPublisher::lastError).filter(e -> e != null).findFirst().orElse(null);
        if (err != null) {
            step.put("last_error", err);
            r.note(name + ": last error " + err);
        }
        r.step(step);
        System.err.printf("[S4] %s: %.0f req/s p50=%.2fms p99=%.2fms errors=%d bench_cpu=%.0f%%%n", name, rps,
                lat.p50Ms(), lat.p99Ms(), failed, benchCpu);
        if (failed > 0) {
            r.error(name + ": " + failed + " requests failed");
        }
        return pubs.stream().mapToLong(ClosedLoopPublisher::acked).sum();
    }
}
