package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.GatewayConnection;
import dev.switchboard.bench.client.GatewayConnector;
import dev.switchboard.bench.http.HttpLane;
import dev.switchboard.bench.http.SigV4;
import dev.switchboard.bench.stats.LatencyStats;
import dev.switchboard.bench.stats.ProcessSampler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * G4: API Gateway's {@code PostToConnection} ({@code POST <prefix>/@connections/{id}}, AWS Signature V4, service
 * {@code execute-api}, access key id = app key, secret = app secret), signed by the generator per request as the
 * AWS SDKs do. M sockets connect (own token each) and learn their connection id from the pong; the generator
 * posts {@code {"seq":k,"t":<nanoTime>,"p":"xx.."}} to a random socket's id open-loop at {@code --rate}
 * requests/s for {@code --duration} over {@code --http-conns} keep-alive lanes. Reports requests/s, HTTP
 * p50/p99, post → receive p50/p99 (first tenth left out), errors by status, loss (a 200 whose data never
 * arrived), and the server's CPU per request.
 */
public final class G4PostToConnection implements Scenario {
    private static final ProcessSampler SELF = new ProcessSampler(ProcessHandle.current().pid());
    private static final long QUIET_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long DRAIN_MAX_NANOS = Duration.ofSeconds(15).toNanos();
    private static final int DEPTH = 2; // per lane: in flight + queued, so post→receive holds little generator queueing
    static final String REGION = "us-east-1";
    /** Unmeasured warm-up at the same rate before the measured window (JIT of a fresh server and generator). */
    static final double WARMUP_S = 3;

    @Override
    public String id() {
        return "G4";
    }

    @Override
    public String title() {
        return "gateway @connections PostToConnection (SigV4): requests/s, HTTP p99, post->receive p99, errors";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds((long) o.scaledSeconds(o.durationSeconds(), 10, 3) + (long) WARMUP_S + 120);
    }

    /** The wire path of a connection's @connections resource: {@code <prefix>/@connections/<id, encoded>}. */
    static String path(String prefix, String connectionId) {
        return prefix + "/@connections/" + SigV4.encodeSegment(connectionId);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int m = o.connections() != null ? o.connections() : o.scaled(1000, 10);
        double duration = o.scaledSeconds(o.durationSeconds(), 10, 3);
        double rate = o.rate();
        int warm = (int) Math.min(1_000_000, Math.round(rate * WARMUP_S));
        int total = warm + (int) Math.max(1, Math.min(100_000_000, Math.round(rate * duration)));
        String pad = "x".repeat(Math.max(0, o.payloadBytes() - 40));
        String prefix = o.apiPrefix();
        r.param("connections", m);
        r.param("rate", rate);
        r.param("duration_s", duration);
        r.param("warmup_s", WARMUP_S);
        r.param("warmup_requests", warm);
        r.param("requests", total - warm);
        r.param("http_connections", o.httpConnections());
        r.param("path", prefix + "/@connections/{id}");
        r.param("data_bytes", GatewayReceivers.message(total, System.nanoTime(), pad).length());
        String run = GatewayTokens.runTag();
        try (GatewayConnector connector = new GatewayConnector(ctx.transport(), o.host(), o.port(), o.gatewayPath(),
                ctx.sources(), Duration.ofSeconds(30))) {
            try {
                var signed = GatewayTokens.sign(connector, o.jwtSecret(), "bench-" + run + "-g4-", m, 3600);
                List<GatewayConnection> sockets = G3GatewayNotify.connect(ctx, r, connector, signed.requests(), m);
                if (sockets.size() < m) {
                    return;
                }
                String[] paths = new String[m];
                for (int i = 0; i < m; i++) {
                    String id = sockets.get(i).connectionId();
                    if (id == null) {
                        r.error("socket " + i + "'s pong carried no connectionId");
                        return;
                    }
                    paths[i] = path(prefix, id);
                }
                r.param("connection_id_example", sockets.get(0).connectionId());
                measure(ctx, r, sockets, paths, warm, total, rate, duration, pad);
            } finally {
                connector.closeAll(Duration.ofSeconds(10));
            }
        }
    }

    private static void measure(BenchContext ctx, ScenarioResult r, List<GatewayConnection> sockets, String[] paths,
            int warm, int total, double rate, double duration, String pad) throws Exception {
        BenchOptions o = ctx.options();
        GatewayReceivers rx = new GatewayReceivers(sockets, total, warm);
        List<HttpLane> lanes = new ArrayList<>();
        for (int i = 0; i < o.httpConnections(); i++) {
            lanes.add(ctx.newLane());
        }
        SigV4 signer = new SigV4(o.key(), o.secret(), REGION, "execute-api");
        String host = o.host() + ":" + o.publishPort();
        int[] target = new int[total];
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < total; k++) {
            target[k] = random.nextInt(paths.length);
        }
        OpenLoopHttp pacer = new OpenLoopHttp(lanes, DEPTH);
        LatencyStats http = new LatencyStats();
        LatencyStats httpErrors = new LatencyStats();
        boolean[] acked = new boolean[total];
        AtomicReference<String> firstError = new AtomicReference<>();

        java.util.function.LongFunction<io.netty.handler.codec.http.FullHttpRequest> request = k -> {
            byte[] body = GatewayReceivers.message(k, System.nanoTime(), pad).getBytes(StandardCharsets.UTF_8);
            return signer.post(host, paths[target[(int) k]], body, Instant.now());
        };
        OpenLoopHttp.Answer answer = (k, resp, err) -> {
            if (err == null && resp.status() == 200) {
                http.recordNanos(resp.latencyNanos());
                synchronized (acked) {
                    acked[(int) k] = true;
                }
            } else {
                if (err == null) {
                    httpErrors.recordNanos(resp.latencyNanos());
                }
                firstError.compareAndSet(null, err != null ? String.valueOf(err)
                        : resp.status() + " " + resp.body());
            }
        };
        // warm-up: same rate, not measured; drained before the measured window starts
        pacer.run(0, warm, rate, request, answer, System.nanoTime() + (long) ((WARMUP_S + 10) * 1e9));
        pacer.awaitAnswers(System.nanoTime() + 10_000_000_000L);
        long warmOk = pacer.count(200);
        rx.drain(() -> warmOk, QUIET_NANOS, DRAIN_MAX_NANOS);
        long sentWarm = pacer.sent.get();
        long answeredWarm = pacer.answered.get();
        long delivered0 = rx.delivered.sum();
        http.interval();
        httpErrors.interval();
        rx.latency.interval();

        ProcessSampler.Sample self0 = SELF.sample();
        Optional<ProcessSampler.Sample> server0 = ctx.sample();
        long deadline = System.nanoTime() + (long) ((duration + 10) * 1e9);
        long sentAll = pacer.run(warm, total, rate, request, answer, deadline);
        long sent = sentAll - sentWarm;
        long sendEnd = pacer.lastSendNanos;
        long answerEnd;
        pacer.awaitAnswers(System.nanoTime() + 15_000_000_000L);
        answerEnd = System.nanoTime();
        long okAll = pacer.count(200);
        long ok = okAll - warmOk;
        rx.drain(() -> okAll, QUIET_NANOS, DRAIN_MAX_NANOS);
        ProcessSampler.Sample self1 = SELF.sample();
        Optional<ProcessSampler.Sample> server1 = ctx.sample();

        long lost = 0;
        long deliveredUnacked = 0;
        long misrouted = 0;
        synchronized (acked) {
            for (int k = 0; k < sentAll; k++) {
                int got = rx.perSeq.get(k);
                if (acked[k]) {
                    lost += got == 0 ? 1 : 0;
                } else {
                    deliveredUnacked += got;
                }
            }
        }
        long[] expectedPerSocket = new long[sockets.size()];
        for (int k = 0; k < sentAll; k++) {
            if (rx.perSeq.get(k) > 0) {
                expectedPerSocket[target[k]]++;
            }
        }
        for (int i = 0; i < sockets.size(); i++) {
            misrouted += Math.abs(rx.perSocket.get(i) - expectedPerSocket[i]);
        }
        long start = pacer.startNanos;
        double sendSeconds = (sendEnd - start) / 1e9;
        double answerSeconds = (answerEnd - start) / 1e9;
        long delivered = rx.delivered.sum() - delivered0;
        r.metric("requests_sent", sent, "", Better.NONE);
        r.metric("requests_per_s", sendSeconds > 0 ? sent / sendSeconds : Double.NaN, "1/s", Better.HIGHER);
        r.metric("answered_per_s", answerSeconds > 0 ? (pacer.answered.get() - answeredWarm) / answerSeconds : Double.NaN, "1/s",
                Better.HIGHER);
        r.metric("ok", ok, "", Better.NONE);
        r.metric("pacer_stalls", pacer.stalls.sum(), "", Better.LOWER);
        r.param("http_statuses", pacer.statusSummary());
        pacer.statuses.forEach((s, n) -> {
            if (s != 200) {
                r.metric("status_" + (s < 0 ? "none" : s), n.sum(), "", Better.LOWER);
            }
        });
        r.latency("http", LatencyStats.Summary.of(http.interval()));
        LatencyStats.Summary errLat = LatencyStats.Summary.of(httpErrors.interval());
        if (errLat.count() > 0) {
            r.latency("http_error", errLat);
        }
        r.metric("delivered", delivered, "", Better.NONE);
        r.metric("lost", lost, "", Better.LOWER);
        r.metric("duplicates", rx.duplicates.sum(), "", Better.LOWER);
        r.metric("misrouted", misrouted, "", Better.LOWER);
        r.metric("foreign_frames", rx.foreign.sum(), "", Better.LOWER);
        r.latency("post_to_receive", LatencyStats.Summary.of(rx.latency.interval()));
        double benchPct = self1.cpuPercentSince(self0);
        r.metric("bench_cpu_us_per_request", sent == 0 ? Double.NaN
                : (double) self1.cpuMicrosSince(self0) / sent, "us", Better.NONE);
        if (server0.isPresent() && server1.isPresent() && sent > 0) {
            double us = server1.get().cpuMicrosSince(server0.get()) / (double) sent;
            r.metric("server_cpu_pct", server1.get().cpuPercentSince(server0.get()), "%", Better.NONE);
            r.metric("server_cpu_us_per_request", us, "us", Better.LOWER);
            r.metric("server_requests_per_cpu_s", us > 0 ? 1e6 / us : Double.NaN, "1/s", Better.HIGHER);
            r.metric("rss_mb", server1.get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
        }
        if (okAll < sentAll) {
            r.error((sentAll - okAll) + " of " + sentAll + " posts (warm-up included) not answered 200 ("
                    + pacer.statusSummary() + "; first: "
                    + firstError.get() + ")");
        }
        if (sentAll < total) {
            r.error("only " + sentAll + " of " + total + " posts (warm-up included) were sent before the deadline");
        }
        if (lost > 0 || misrouted > 0 || rx.duplicates.sum() > 0) {
            r.error(lost + " acknowledged posts never arrived, " + misrouted + " arrived at the wrong socket, "
                    + rx.duplicates.sum() + " duplicates");
        }
        if (deliveredUnacked > 0) {
            r.note(deliveredUnacked + " posts arrived although their HTTP call was not answered 200");
        }
        long closed = sockets.stream().filter(c -> !c.isOpen()).count();
        if (closed > 0) {
            r.error(closed + " sockets closed by the server during the run");
        }
        if (benchPct > 90) {
            r.note("the generator used " + Math.round(benchPct) + "% of its core");
        }
        System.err.printf("[G4] %d posts in %.2f s (%.0f/s), %d ok, %d delivered, lost %d, statuses %s%n", sent,
                sendSeconds, sendSeconds > 0 ? sent / sendSeconds : 0, ok, delivered, lost, pacer.statusSummary());
    }
}
