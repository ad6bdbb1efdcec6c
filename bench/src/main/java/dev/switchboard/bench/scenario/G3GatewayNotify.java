package dev.switchboard.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.GatewayConnection;
import dev.switchboard.bench.client.GatewayConnector;
import dev.switchboard.bench.http.HttpLane;
import dev.switchboard.bench.stats.LatencyStats;
import dev.switchboard.bench.stats.ProcessSampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * G3: Gateway notifications over HTTP. N sockets (own HS256 token each, as in G1) are connected; the generator
 * POSTs signed {@code /apps/{id}/notifications} open-loop at {@code --rate} notifications/s for
 * {@code --duration} over {@code --http-conns} keep-alive lanes, each {@code {"data":{"seq":k,"t":<nanoTime>,
 * "p":"xx.."}}}. Without {@code --devices} each is a broadcast (no {@code users}): every socket must get the data
 * text once. With {@code --devices D} the first D sockets share one user and each notification names only that
 * user ({@code "users":[u]}): those D sockets must get it, the other N − D none. Reports deliveries/s across all
 * sockets, publish → deliver p50/p99 (the stamp in the data, same clock; first tenth left out), loss by seq, the
 * answer's {@code connections}/{@code users}, HTTP p50/p99, and the server's CPU per delivery.
 */
public final class G3GatewayNotify implements Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProcessSampler SELF = new ProcessSampler(ProcessHandle.current().pid());
    private static final long QUIET_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long DRAIN_MAX_NANOS = Duration.ofSeconds(20).toNanos();
    private static final int DEPTH = 4;
    /** Unmeasured warm-up before the measured window (JIT of a fresh server and of the generator). */
    static final double WARMUP_S = 3;

    @Override
    public String id() {
        return "G3";
    }

    @Override
    public String title() {
        return "gateway notifications (HTTP): deliveries/s, publish->deliver p99, loss by seq, CPU per delivery";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds((long) o.scaledSeconds(o.durationSeconds(), 10, 3) + (long) WARMUP_S + 150);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(5000, 50);
        int devices = Math.min(o.devices(), n);
        double duration = o.scaledSeconds(o.durationSeconds(), 10, 3);
        double rate = o.rate();
        int warm = (int) Math.min(1_000_000, Math.round(rate * WARMUP_S));
        int total = warm + (int) Math.max(1, Math.min(100_000_000, Math.round(rate * duration)));
        String pad = "x".repeat(Math.max(0, o.payloadBytes() - 40));
        String run = GatewayTokens.runTag();
        String deviceUser = "bench-" + run + "-g3-devices";
        int perNotification = devices > 0 ? devices : n;
        r.param("connections", n);
        r.param("mode", devices > 0 ? "one user with " + devices + " devices" : "broadcast");
        r.param("rate", rate);
        r.param("duration_s", duration);
        r.param("warmup_s", WARMUP_S);
        r.param("warmup_notifications", warm);
        r.param("notifications", total - warm);
        r.param("http_connections", o.httpConnections());
        r.param("data_bytes", GatewayReceivers.message(total, System.nanoTime(), pad).length());
        try (GatewayConnector connector = new GatewayConnector(ctx.transport(), o.host(), o.port(), o.gatewayPath(),
                ctx.sources(), Duration.ofSeconds(30))) {
            try {
                var signed = GatewayTokens.sign(connector, o.jwtSecret(),
                        i -> i < devices ? deviceUser : "bench-" + run + "-g3-" + i, n, 3600);
                r.metric("token_sign_us", signed.signNanos() / 1e3 / n, "us", Better.NONE);
                List<GatewayConnection> sockets = connect(ctx, r, connector, signed.requests(), n);
                if (sockets.size() < n) {
                    return;
                }
                measure(ctx, r, sockets, warm, total, rate, duration, pad, devices, deviceUser, perNotification);
            } finally {
                connector.closeAll(Duration.ofSeconds(10));
            }
        }
    }

    /** Connects every socket (ping → pong), in order; an error and fewer sockets if any fails. */
    static List<GatewayConnection> connect(BenchContext ctx, ScenarioResult r, GatewayConnector connector,
            List<byte[]> requests, int n) throws InterruptedException {
        GatewayConnection[] byIndex = new GatewayConnection[n];
        Bulk.Outcome up = Bulk.run(ctx, n, ctx.options().inflight(), i -> {
            GatewayConnection c = connector.open(requests.get(i), true);
            byIndex[i] = c;
            return c.ready();
        });
        r.metric("connected", up.ok(), "", Better.NONE);
        r.metric("connect_s", up.elapsedNanos() / 1e9, "s", Better.NONE);
        if (up.failed() > 0 || up.ok() < n) {
            r.error((n - up.ok()) + " of " + n + " sockets did not connect: " + up.firstError());
        }
        List<GatewayConnection> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            GatewayConnection c = byIndex[i];
            if (c != null && c.ready().isDone() && !c.ready().isCompletedExceptionally() && c.isOpen()) {
                out.add(byIndex[i]);
            }
        }
        return out;
    }

    private static void measure(BenchContext ctx, ScenarioResult r, List<GatewayConnection> sockets, int warm, int total,
            double rate, double duration, String pad, int devices, String deviceUser, int perNotification)
            throws Exception {
        BenchOptions o = ctx.options();
        GatewayReceivers rx = new GatewayReceivers(sockets, total, warm);
        List<HttpLane> lanes = new ArrayList<>();
        for (int i = 0; i < o.httpConnections(); i++) {
            lanes.add(ctx.newLane());
        }
        OpenLoopHttp pacer = new OpenLoopHttp(lanes, DEPTH);
        LatencyStats http = new LatencyStats();
        boolean[] acked = new boolean[total];
        LongAccumulator connMin = new LongAccumulator(Math::min, Long.MAX_VALUE);
        LongAccumulator connMax = new LongAccumulator(Math::max, Long.MIN_VALUE);
        LongAccumulator usersMin = new LongAccumulator(Math::min, Long.MAX_VALUE);
        LongAccumulator usersMax = new LongAccumulator(Math::max, Long.MIN_VALUE);
        AtomicLong badAnswers = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstBad = new java.util.concurrent.atomic.AtomicReference<>();
        String prefix = devices > 0 ? "{\"users\":[\"" + deviceUser + "\"],\"data\":" : "{\"data\":";

        OpenLoopHttp.Answer answer = (k, resp, err) -> {
            if (err == null && resp.ok()) {
                http.recordNanos(resp.latencyNanos());
                synchronized (acked) {
                    acked[(int) k] = true;
                }
                try {
                    JsonNode a = JSON.readTree(resp.body());
                    long c = a.path("connections").asLong(-1);
                    long u = a.path("users").asLong(-1);
                    connMin.accumulate(c);
                    connMax.accumulate(c);
                    usersMin.accumulate(u);
                    usersMax.accumulate(u);
                } catch (Exception e) {
                    badAnswers.incrementAndGet();
                    firstBad.compareAndSet(null, "unparsable answer: " + resp.body());
                }
            } else {
                badAnswers.incrementAndGet();
                firstBad.compareAndSet(null, err != null ? String.valueOf(err) : resp.status() + " " + resp.body());
            }
        };
        java.util.function.LongFunction<io.netty.handler.codec.http.FullHttpRequest> request = k -> ctx.api()
                .notification(prefix + GatewayReceivers.message(k, System.nanoTime(), pad) + "}");
        // warm-up: same rate, not measured; drained before the measured window starts
        pacer.run(0, warm, rate, request, answer, System.nanoTime() + (long) ((WARMUP_S + 10) * 1e9));
        pacer.awaitAnswers(System.nanoTime() + 10_000_000_000L);
        long warmOk = pacer.count(200);
        rx.drain(() -> warmOk * perNotification, QUIET_NANOS, DRAIN_MAX_NANOS);
        long sentWarm = pacer.sent.get();
        long delivered0 = rx.delivered.sum();
        http.interval();
        rx.latency.interval();

        ProcessSampler.Sample self0 = SELF.sample();
        Optional<ProcessSampler.Sample> server0 = ctx.sample();
        long deadline = System.nanoTime() + (long) ((duration + 10) * 1e9);
        long sentAll = pacer.run(warm, total, rate, request, answer, deadline);
        long sent = sentAll - sentWarm;
        long sendEnd = pacer.lastSendNanos;
        pacer.awaitAnswers(System.nanoTime() + 15_000_000_000L);
        long okAll = pacer.count(200);
        long ok = okAll - warmOk;
        rx.drain(() -> okAll * perNotification, QUIET_NANOS, DRAIN_MAX_NANOS);
        ProcessSampler.Sample self1 = SELF.sample();
        Optional<ProcessSampler.Sample> server1 = ctx.sample();

        long start = pacer.startNanos;
        long delivered = rx.delivered.sum() - delivered0;
        long lost = 0;
        long deliveredUnacked = 0;
        synchronized (acked) {
            for (int k = 0; k < sentAll; k++) {
                int got = rx.perSeq.get(k);
                if (acked[k]) {
                    lost += Math.max(0, perNotification - got);
                } else {
                    deliveredUnacked += got;
                }
            }
        }
        long misdelivered = 0;
        if (devices > 0) {
            for (int i = devices; i < sockets.size(); i++) {
                misdelivered += rx.perSocket.get(i);
            }
        }
        double sendSeconds = (sendEnd - start) / 1e9;
        double deliverSeconds = (rx.lastDeliveryNanos.get() - start) / 1e9;
        r.metric("notifications_sent", sent, "", Better.NONE);
        r.metric("notifications_per_s", sendSeconds > 0 ? sent / sendSeconds : Double.NaN, "1/s", Better.HIGHER);
        r.metric("notifications_ok", ok, "", Better.NONE);
        r.metric("pacer_stalls", pacer.stalls.sum(), "", Better.LOWER);
        r.param("http_statuses", pacer.statusSummary());
        r.latency("http", LatencyStats.Summary.of(http.interval()));
        r.metric("expected", ok * perNotification, "", Better.NONE);
        r.metric("delivered", delivered, "", Better.NONE);
        r.metric("deliveries_per_s", deliverSeconds > 0 ? delivered / deliverSeconds : Double.NaN, "1/s",
                Better.HIGHER);
        r.metric("lost", lost, "", Better.LOWER);
        r.metric("duplicates", rx.duplicates.sum(), "", Better.LOWER);
        r.metric("foreign_frames", rx.foreign.sum(), "", Better.LOWER);
        if (devices > 0) {
            r.metric("misdelivered", misdelivered, "", Better.LOWER);
        }
        r.metric("drain_ms", Math.max(0, rx.lastDeliveryNanos.get() - sendEnd) / 1e6, "ms", Better.LOWER);
        r.latency("publish_to_deliver", LatencyStats.Summary.of(rx.latency.interval()));
        if (connMax.get() != Long.MIN_VALUE) {
            r.metric("answer_connections_min", connMin.get(), "", Better.NONE);
            r.metric("answer_connections_max", connMax.get(), "", Better.NONE);
            r.metric("answer_users_min", usersMin.get(), "", Better.NONE);
            r.metric("answer_users_max", usersMax.get(), "", Better.NONE);
            if (connMin.get() != perNotification || connMax.get() != perNotification) {
                r.error("answers counted " + connMin.get() + ".." + connMax.get() + " connections, expected "
                        + perNotification);
            }
            long users = devices > 0 ? 1 : sockets.size();
            if (usersMin.get() != users || usersMax.get() != users) {
                r.error("answers counted " + usersMin.get() + ".." + usersMax.get() + " users, expected " + users);
            }
        }
        double benchPct = self1.cpuPercentSince(self0);
        r.metric("bench_cpu_us_per_delivery", delivered == 0 ? Double.NaN
                : (double) self1.cpuMicrosSince(self0) / delivered, "us", Better.NONE);
        if (server0.isPresent() && server1.isPresent() && delivered > 0) {
            double us = server1.get().cpuMicrosSince(server0.get()) / (double) delivered;
            r.metric("server_cpu_pct", server1.get().cpuPercentSince(server0.get()), "%", Better.NONE);
            r.metric("server_cpu_us_per_delivery", us, "us", Better.LOWER);
            r.metric("server_cpu_us_per_notification", us * delivered / Math.max(1, ok), "us", Better.LOWER);
            r.metric("server_deliveries_per_cpu_s", us > 0 ? 1e6 / us : Double.NaN, "1/s", Better.HIGHER);
            r.metric("rss_mb", server1.get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
        }
        if (badAnswers.get() > 0) {
            r.error(badAnswers.get() + " of " + sent + " notifications not answered 200 (" + pacer.statusSummary()
                    + "; first: " + firstBad.get() + ")");
        }
        if (sentAll < total) {
            r.error("only " + sentAll + " of " + total + " notifications (warm-up included) were sent before the"
                    + " deadline");
        }
        if (lost > 0) {
            r.error(lost + " of " + okAll * perNotification + " deliveries of acknowledged notifications (warm-up"
                    + " included) never arrived");
        }
        if (rx.duplicates.sum() > 0 || misdelivered > 0) {
            r.error(rx.duplicates.sum() + " duplicate deliveries, " + misdelivered
                    + " deliveries to sockets of other users");
        }
        if (deliveredUnacked > 0) {
            r.note(deliveredUnacked + " deliveries of notifications whose HTTP call failed");
        }
        long closed = sockets.stream().filter(c -> !c.isOpen()).count();
        if (closed > 0) {
            r.error(closed + " sockets closed by the server during the run");
        }
        if (benchPct > 90) {
            r.note("the generator used " + Math.round(benchPct) + "% of its core");
        }
        System.err.printf("[G3] %d notifications (%d ok) in %.2f s, %d of %d deliveries (%.0f/s), lost %d%n", sent,
                ok, sendSeconds, delivered, ok * perNotification, deliverSeconds > 0 ? delivered / deliverSeconds : 0,
                lost);
    }
}
