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
 */
public final class S6ConnectStorm implements Scenario {
    private static final String CHANNEL = "bench-s6-storm";
    private static final Duration ZERO_WAIT = Duration.ofSeconds(60);
    private static final ProcessSampler SELF = new ProcessSampler(ProcessHandle.current().pid());

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
        return Duration.ofSeconds(300);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(10_000, 1);
        int inflight = o.inflight() * 4;
        r.param("connections", n);
        r.param("inflight", inflight);
        LatencyStats handshake = new LatencyStats();
        Queue<PusherConnection> opened = new ConcurrentLinkedQueue<>();
        ProcessSampler.Sample self0 = SELF.sample();
        Optional<ProcessSampler.Sample> server0 = ctx.sampler().map(ProcessSampler::sample);
        Bulk.Outcome storm = Bulk.run(ctx, n, inflight, i -> Subscribe
                .connect(ctx, PusherListener.IGNORE, List.of(CHANNEL)).thenAccept(c -> {
                    handshake.recordNanos(c.handshakeNanos());
                    opened.add(c);
                }));
        ProcessSampler.Sample self1 = SELF.sample();
        Optional<ProcessSampler.Sample> server1 = ctx.sampler().map(ProcessSampler::sample);
        LatencyStats.Summary hs = LatencyStats.Summary.of(handshake.interval());
        r.metric("connected", storm.ok(), "", Better.NONE);
        r.metric("connect_errors", storm.failed(), "", Better.LOWER);
        r.metric("connections_per_s", storm.perSecond(), "1/s", Better.HIGHER);
        r.latency("handshake", hs);
        reportCpu(r, storm.ok(), self0, self1, server0, server1);
        if (storm.firstError() != null) {
            r.note("first connect error: " + storm.firstError());
        }
        System.err.printf("[S6] %d connected in %.2f s (%.0f/s), %d errors, handshake p99 %.1f ms%n", storm.ok(),
                storm.elapsedNanos() / 1e9, storm.perSecond(), storm.failed(), hs.p99Ms());

        long[] count = {-1};
        long seenStart = System.nanoTime();
        boolean seen = Waits.until(ctx, Duration.ofSeconds(10), 50,
                () -> (count[0] = subscriptionCount(ctx)) >= storm.ok());
        r.metric("server_count_after_connect", count[0], "", Better.NONE);
        if (!seen) {
            r.note("server reported " + count[0] + " subscriptions, " + storm.ok() + " connected ("
                    + (System.nanoTime() - seenStart) / 1_000_000 + " ms)");
        }

        long closeStart = System.nanoTime();
        opened.forEach(PusherConnection::close);
        boolean zero = Waits.until(ctx, ZERO_WAIT, 20, () -> (count[0] = subscriptionCount(ctx)) == 0);
        r.metric("time_to_zero_ms", (System.nanoTime() - closeStart) / 1e6, "ms", Better.LOWER);
        if (!zero) {
            r.error("server still reports " + count[0] + " subscriptions " + ZERO_WAIT.toSeconds() + " s after close");
        }
        ctx.connector().closeAll(Duration.ofSeconds(10));
    }

    /**
     * CPU per connection on both sides. When the generator is the one at 100%, the server's µs per
     * connection is what tells its own ceiling (1e6 / µs connections per second of one core).
     */
    private static void reportCpu(ScenarioResult r, long connected, ProcessSampler.Sample self0,
            ProcessSampler.Sample self1, Optional<ProcessSampler.Sample> server0,
            Optional<ProcessSampler.Sample> server1) {
        if (connected == 0) {
            return;
        }
        double benchPct = self1.cpuPercentSince(self0);
        r.metric("bench_cpu_us_per_conn", (double) self1.cpuMicrosSince(self0) / connected, "us", Better.NONE);
        if (server0.isPresent() && server1.isPresent()) {
            double us = (double) server1.get().cpuMicrosSince(server0.get()) / connected;
            r.metric("server_cpu_pct", server1.get().cpuPercentSince(server0.get()), "%", Better.NONE);
            r.metric("server_cpu_us_per_conn", us, "us", Better.LOWER);
            r.metric("server_conn_per_cpu_s", us > 0 ? 1e6 / us : Double.NaN, "1/s", Better.HIGHER);
        }
        if (benchPct > 90) {
            r.note("the generator used " + Math.round(benchPct) + "% of its core during the storm: "
                    + "connections_per_s is its ceiling; server_conn_per_cpu_s is the server's");
        }
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
