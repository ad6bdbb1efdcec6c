package dev.switchboard.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.client.PusherListener;
import dev.switchboard.bench.stats.LatencyStats;
import dev.switchboard.bench.stats.ProcessSampler;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * S6: connect storm. Clients connect and subscribe to one channel as fast as the server accepts them (with a
 * bounded number of handshakes in progress, so the figure is the server's and not the SYN backlog's), then
 * all close at once. Reports connections/s, handshake p99 (TCP connect to connection_established), errors,
 * and how long until the HTTP API reports the channel empty again.
 *
 * <p>The storm runs {@value #STORMS} times on the same server. The first is reported under the plain names:
 * a freshly started server, whose JIT compiler (JVM) or V8 is still working on the connect path. The last
 * is reported as {@code warm_*}: what a server that has been up for a while does. Six storms, because the
 * generator is a JVM too: its own JIT compiler takes close to half its core for the first three.
 */
public final class S6ConnectStorm implements Scenario {
    private static final String CHANNEL = "bench-s6-storm";
    private static final Duration ZERO_WAIT = Duration.ofSeconds(60);
    private static final ProcessSampler SELF = new ProcessSampler(ProcessHandle.current().pid());
    static final int STORMS = 6;

    @Override
    public String id() {
        return "S6";
    }

    @Override
    public String title() {
        return "connect storm: connections/s, handshake p99, time to zero";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds(120L * STORMS);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(10_000, 1);
        int inflight = o.inflight() * 4;
        r.param("connections", n);
        r.param("inflight", inflight);
        r.param("storms", STORMS);
        for (int storm = 1; storm <= STORMS; storm++) {
            String prefix = storm == 1 ? "" : storm == STORMS ? "warm_" : null;
            if (!storm(ctx, r, n, inflight, storm, prefix)) {
                return; // the server did not get back to zero: the next storm would measure leftovers
            }
        }
    }

    /** One storm and its close; reports under {@code prefix} (null: only as a step). False if not back to 0. */
    private static boolean storm(BenchContext ctx, ScenarioResult r, int n, int inflight, int storm, String prefix)
            throws InterruptedException {
        LatencyStats handshake = new LatencyStats();
        Queue<PusherConnection> opened = new ConcurrentLinkedQueue<>();
        ProcessSampler.Sample self0 = SELF.sample();
        Optional<ProcessSampler.Sample> server0 = ctx.sampler().map(ProcessSampler::sample);
        Bulk.Outcome out = Bulk.run(ctx, n, inflight, i -> Subscribe
                .connect(ctx, PusherListener.IGNORE, List.of(CHANNEL)).thenAccept(c -> {
                    handshake.recordNanos(c.handshakeNanos());
                    opened.add(c);
                }));
        ProcessSampler.Sample self1 = SELF.sample();
        Optional<ProcessSampler.Sample> server1 = ctx.sampler().map(ProcessSampler::sample);
        LatencyStats.Summary hs = LatencyStats.Summary.of(handshake.interval());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("storm", storm);
        m.put("connected", out.ok());
        m.put("connect_errors", out.failed());
        m.put("connections_per_s", out.perSecond());
        m.put("handshake_p50_ms", hs.p50Ms());
        m.put("handshake_p99_ms", hs.p99Ms());
        double benchPct = self1.cpuPercentSince(self0);
        m.put("bench_cpu_pct", benchPct);
        m.put("bench_cpu_us_per_conn", out.ok() == 0 ? Double.NaN : (double) self1.cpuMicrosSince(self0) / out.ok());
        if (server0.isPresent() && server1.isPresent() && out.ok() > 0) {
            double us = (double) server1.get().cpuMicrosSince(server0.get()) / out.ok();
            m.put("server_cpu_pct", server1.get().cpuPercentSince(server0.get()));
            m.put("server_cpu_us_per_conn", us);
            m.put("server_conn_per_cpu_s", us > 0 ? 1e6 / us : Double.NaN);
        }
        if (out.firstError() != null) {
            r.note("storm " + storm + ": first connect error: " + out.firstError());
        }
        System.err.printf("[S6] storm %d: %d connected in %.2f s (%.0f/s), %d errors, handshake p99 %.1f ms%n",
                storm, out.ok(), out.elapsedNanos() / 1e9, out.perSecond(), out.failed(), hs.p99Ms());

        long[] count = {-1};
        long seenStart = System.nanoTime();
        boolean seen = Waits.until(ctx, Duration.ofSeconds(10), 50,
                () -> (count[0] = subscriptionCount(ctx)) >= out.ok());
        m.put("server_count_after_connect", count[0]);
        if (!seen) {
            r.note("storm " + storm + ": server reported " + count[0] + " subscriptions, " + out.ok()
                    + " connected (" + (System.nanoTime() - seenStart) / 1_000_000 + " ms)");
        }
        long closeStart = System.nanoTime();
        opened.forEach(PusherConnection::close);
        boolean zero = Waits.until(ctx, ZERO_WAIT, 20, () -> (count[0] = subscriptionCount(ctx)) == 0);
        m.put("time_to_zero_ms", (System.nanoTime() - closeStart) / 1e6);
        ctx.connector().closeAll(Duration.ofSeconds(10));
        r.step(m);
        if (prefix != null) {
            report(r, prefix, m, benchPct);
        }
        if (!zero) {
            r.error("storm " + storm + ": server still reports " + count[0] + " subscriptions "
                    + ZERO_WAIT.toSeconds() + " s after close");
        }
        return zero;
    }

    private static void report(ScenarioResult r, String p, Map<String, Object> m, double benchPct) {
        r.metric(p + "connected", num(m, "connected"), "", Better.NONE);
        r.metric(p + "connect_errors", num(m, "connect_errors"), "", Better.LOWER);
        r.metric(p + "connections_per_s", num(m, "connections_per_s"), "1/s", Better.HIGHER);
        r.metric(p + "handshake_p50_ms", num(m, "handshake_p50_ms"), "ms", Better.LOWER);
        r.metric(p + "handshake_p99_ms", num(m, "handshake_p99_ms"), "ms", Better.LOWER);
        r.metric(p + "bench_cpu_us_per_conn", num(m, "bench_cpu_us_per_conn"), "us", Better.NONE);
        if (m.containsKey("server_cpu_us_per_conn")) {
            r.metric(p + "server_cpu_pct", num(m, "server_cpu_pct"), "%", Better.NONE);
            r.metric(p + "server_cpu_us_per_conn", num(m, "server_cpu_us_per_conn"), "us", Better.LOWER);
            r.metric(p + "server_conn_per_cpu_s", num(m, "server_conn_per_cpu_s"), "1/s", Better.HIGHER);
        }
        r.metric(p + "server_count_after_connect", num(m, "server_count_after_connect"), "", Better.NONE);
        r.metric(p + "time_to_zero_ms", num(m, "time_to_zero_ms"), "ms", Better.LOWER);
        if (benchPct > 90) {
            r.note((p.isEmpty() ? "first" : "last") + " storm: the generator used " + Math.round(benchPct)
                    + "% of its core: connections_per_s is its ceiling; server_conn_per_cpu_s is the server's");
        }
    }

    private static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    /**
     * subscription_count of the channel via GET /channels/{c}?info=subscription_count; 0 once the channel is
     * unoccupied (servers omit the count then), -1 on error.
     */
    static long subscriptionCount(BenchContext ctx) {
        try {
            JsonNode body = ctx.getJson("/channels/" + CHANNEL, Map.of("info", "subscription_count"));
            if (body.has("subscription_count")) {
                return body.get("subscription_count").asLong();
            }
            return body.path("occupied").asBoolean(false) ? -1 : 0;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
