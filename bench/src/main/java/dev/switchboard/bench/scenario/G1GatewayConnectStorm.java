package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.GatewayConnection;
import dev.switchboard.bench.client.GatewayConnector;
import dev.switchboard.bench.stats.LatencyStats;
import dev.switchboard.bench.stats.ProcessSampler;
import dev.switchboard.bench.stats.PromText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * G1: Gateway connect storm. n sockets connect to {@code /gateway?authorization=<JWT>}, each with its own
 * HS256 token signed before the storm, at most 4 x {@code --inflight} in progress; each pings once after
 * the 101 and counts as connected at its pong. Then all close. Reports connects/s, upgrade (request written
 * to 101) and first-pong (TCP connect to pong) p50/p99, errors, and the server's CPU per connection and RSS
 * per held socket. Then the same storm with tokens signed by a wrong secret: refusals/s and the refusal's
 * p50/p99 (request written to the 401 status line).
 *
 * <p>{@code --rounds} storms of each kind (default {@value #DEFAULT_STORMS}) on the same server: the first
 * reported under plain names (a fresh server's JIT still compiling), the last (when there are two or more)
 * as {@code warm_*}. Every token is new in every storm.
 */
public final class G1GatewayConnectStorm implements Scenario {
    static final int DEFAULT_STORMS = 3;
    private static final Duration ZERO_WAIT = Duration.ofSeconds(30);
    private static final ProcessSampler SELF = new ProcessSampler(ProcessHandle.current().pid());
    private static final String WRONG_SECRET = "bench-wrong-secret-0123456789abcdef0123456789";

    @Override
    public String id() {
        return "G1";
    }

    @Override
    public String title() {
        return "gateway connect storm: JWT upgrades/s, 101 and first-pong p99, refusals/s";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds(90L * 2 * Math.max(1, o.rounds()));
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(5_000, 1);
        int inflight = o.inflight() * 4;
        r.param("connections", n);
        r.param("inflight", inflight);
        int storms = Math.max(1, o.rounds());
        r.param("storms_per_kind", storms);
        r.param("gateway_path", o.gatewayPath());
        r.param("metrics_port", o.metricsPort());
        String run = GatewayTokens.runTag();
        try (GatewayConnector connector = new GatewayConnector(ctx.transport(), o.host(), o.port(), o.gatewayPath(),
                ctx.sources(), Duration.ofSeconds(30))) {
            for (int storm = 1; storm <= storms; storm++) {
                String prefix = storm == 1 ? "" : storm == storms ? "warm_" : null;
                var signed = GatewayTokens.sign(connector, o.jwtSecret(), "bench-" + run + "-s" + storm + "-", n, 3600);
                if (storm == 1) {
                    r.metric("sign_us_per_token", signed.signNanos() / 1e3 / n, "us", Better.NONE);
                }
                if (!acceptStorm(ctx, connector, r, signed.requests(), inflight, storm, prefix)) {
                    return;
                }
            }
            for (int storm = 1; storm <= storms; storm++) {
                String prefix = storm == 1 ? "refused_" : storm == storms ? "warm_refused_" : null;
                var signed = GatewayTokens.sign(connector, WRONG_SECRET, "bench-" + run + "-bad" + storm + "-", n, 3600);
                refuseStorm(ctx, connector, r, signed.requests(), inflight, storm, prefix);
            }
        }
    }

    /** One storm of valid tokens and its close; false when the server did not get back to 0 sockets. */
    private static boolean acceptStorm(BenchContext ctx, GatewayConnector connector, ScenarioResult r,
            List<byte[]> requests, int inflight, int storm, String prefix) throws InterruptedException {
        int n = requests.size();
        LatencyStats upgrade = new LatencyStats();
        LatencyStats firstPong = new LatencyStats();
        LatencyStats pingRtt = new LatencyStats();
        Queue<GatewayConnection> opened = new ConcurrentLinkedQueue<>();
        Optional<PromText> metrics0 = metrics(ctx);
        ProcessSampler.Sample self0 = SELF.sample();
        Optional<ProcessSampler.Sample> server0 = ctx.sample();
        Bulk.Outcome out = Bulk.run(ctx, n, inflight, i -> {
            GatewayConnection c = connector.open(requests.get(i), true);
            return c.ready().thenAccept(x -> {
                upgrade.recordNanos(c.upgradeNanos());
                firstPong.recordNanos(c.firstPongNanos());
                pingRtt.recordNanos(c.pingRoundTripNanos());
                opened.add(c);
            });
        });
        ProcessSampler.Sample self1 = SELF.sample();
        Optional<ProcessSampler.Sample> server1 = ctx.sample();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("storm", storm);
        m.put("kind", "valid");
        m.put("connected", out.ok());
        m.put("connect_errors", out.failed());
        m.put("connections_per_s", out.perSecond());
        LatencyStats.Summary up = LatencyStats.Summary.of(upgrade.interval());
        LatencyStats.Summary pong = LatencyStats.Summary.of(firstPong.interval());
        LatencyStats.Summary rtt = LatencyStats.Summary.of(pingRtt.interval());
        m.put("upgrade_p50_ms", up.p50Ms());
        m.put("upgrade_p99_ms", up.p99Ms());
        m.put("first_pong_p50_ms", pong.p50Ms());
        m.put("first_pong_p99_ms", pong.p99Ms());
        m.put("ping_rtt_p50_ms", rtt.p50Ms());
        m.put("ping_rtt_p99_ms", rtt.p99Ms());
        double benchPct = self1.cpuPercentSince(self0);
        m.put("bench_cpu_pct", benchPct);
        m.put("bench_cpu_us_per_conn", out.ok() == 0 ? Double.NaN : (double) self1.cpuMicrosSince(self0) / out.ok());
        if (server0.isPresent() && server1.isPresent() && out.ok() > 0) {
            double us = (double) server1.get().cpuMicrosSince(server0.get()) / out.ok();
            m.put("server_cpu_pct", server1.get().cpuPercentSince(server0.get()));
            m.put("server_cpu_us_per_conn", us);
            m.put("server_conn_per_cpu_s", us > 0 ? 1e6 / us : Double.NaN);
            m.put("rss_before_mb", server0.get().rssBytes() / 1048576.0);
            m.put("rss_connected_mb", server1.get().rssBytes() / 1048576.0);
            m.put("bytes_per_conn", (double) (server1.get().rssBytes() - server0.get().rssBytes()) / out.ok());
        }
        if (out.firstError() != null) {
            r.note("storm " + storm + ": first connect error: " + out.firstError());
        }
        System.err.printf("[G1] storm %d: %d connected (101 + pong) in %.2f s (%.0f/s), %d errors, "
                + "upgrade p99 %.1f ms, first pong p99 %.1f ms%n", storm, out.ok(), out.elapsedNanos() / 1e9,
                out.perSecond(), out.failed(), up.p99Ms(), pong.p99Ms());

        boolean zero = true;
        if (metrics0.isPresent()) {
            double[] open = {Double.NaN};
            boolean seen = Waits.until(ctx, Duration.ofSeconds(10), 50,
                    () -> (open[0] = gauge(ctx, "gateway_connections")) >= out.ok());
            m.put("server_open_after_connect", open[0]);
            metrics(ctx).ifPresent(p -> m.put("server_accepted", delta(p, metrics0.get(),
                    "gateway_new_connections_total", null)));
            if (!seen) {
                r.note("storm " + storm + ": server reported " + open[0] + " gateway sockets, " + out.ok()
                        + " connected");
            }
            long closeStart = System.nanoTime();
            opened.forEach(GatewayConnection::close);
            zero = Waits.until(ctx, ZERO_WAIT, 20, () -> (open[0] = gauge(ctx, "gateway_connections")) == 0);
            m.put("time_to_zero_ms", (System.nanoTime() - closeStart) / 1e6);
            if (!zero) {
                r.error("storm " + storm + ": server still reports " + open[0] + " gateway sockets "
                        + ZERO_WAIT.toSeconds() + " s after close");
            }
        } else {
            opened.forEach(GatewayConnection::close);
        }
        connector.closeAll(Duration.ofSeconds(10));
        r.step(m);
        if (prefix != null) {
            report(r, prefix, m);
            if (benchPct > 90) {
                r.note((prefix.isEmpty() ? "first" : "last") + " storm: the generator used " + Math.round(benchPct)
                        + "% of its core: connections_per_s is its ceiling; server_conn_per_cpu_s is the server's");
            }
        }
        if (out.failed() > 0 && prefix != null) {
            r.error("storm " + storm + ": " + out.failed() + " of " + n + " valid-token connects failed");
        }
        return zero;
    }

    /** One storm of tokens with a wrong signature: every upgrade must be refused with 401. */
    private static void refuseStorm(BenchContext ctx, GatewayConnector connector, ScenarioResult r,
            List<byte[]> requests, int inflight, int storm, String prefix) throws InterruptedException {
        int n = requests.size();
        LatencyStats refusal = new LatencyStats();
        AtomicInteger wrongStatus = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        Optional<PromText> metrics0 = metrics(ctx);
        ProcessSampler.Sample self0 = SELF.sample();
        Optional<ProcessSampler.Sample> server0 = ctx.sample();
        Bulk.Outcome out = Bulk.run(ctx, n, inflight, i -> {
            GatewayConnection c = connector.open(requests.get(i), false);
            return c.ready().handle((x, e) -> {
                if (e == null) {
                    accepted.incrementAndGet();
                    c.abort();
                    throw new IllegalStateException("a wrong-secret token was accepted (101)");
                }
                int status = c.refusedStatus();
                if (status < 0) {
                    throw new IllegalStateException(Bulk.describe(e));
                }
                statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                if (status != 401) {
                    wrongStatus.incrementAndGet();
                }
                refusal.recordNanos(c.upgradeNanos());
                return (Void) null;
            });
        });
        ProcessSampler.Sample self1 = SELF.sample();
        Optional<ProcessSampler.Sample> server1 = ctx.sample();
        LatencyStats.Summary ref = LatencyStats.Summary.of(refusal.interval());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("storm", storm);
        m.put("kind", "wrong_signature");
        m.put("refused", out.ok());
        m.put("errors", out.failed());
        m.put("accepted_wrongly", accepted.get());
        m.put("status_not_401", wrongStatus.get());
        m.put("statuses", statuses.toString());
        m.put("refusals_per_s", out.perSecond());
        m.put("refusal_p50_ms", ref.p50Ms());
        m.put("refusal_p99_ms", ref.p99Ms());
        double benchPct = self1.cpuPercentSince(self0);
        m.put("bench_cpu_pct", benchPct);
        if (server0.isPresent() && server1.isPresent() && out.ok() > 0) {
            double us = (double) server1.get().cpuMicrosSince(server0.get()) / out.ok();
            m.put("server_cpu_pct", server1.get().cpuPercentSince(server0.get()));
            m.put("server_cpu_us_per_refusal", us);
            m.put("server_refusals_per_cpu_s", us > 0 ? 1e6 / us : Double.NaN);
        }
        if (metrics0.isPresent()) {
            metrics(ctx).ifPresent(p -> m.put("server_counted_unauthorized",
                    delta(p, metrics0.get(), "gateway_connections_refused_total", "reason=\"unauthorized\"")));
        }
        System.err.printf("[G1] refusal storm %d: %d refused in %.2f s (%.0f/s), %d errors, statuses %s,"
                + " refusal p99 %.1f ms%n", storm, out.ok(), out.elapsedNanos() / 1e9, out.perSecond(),
                out.failed(), statuses, ref.p99Ms());
        if (out.firstError() != null) {
            r.note("refusal storm " + storm + ": first error: " + out.firstError());
        }
        connector.closeAll(Duration.ofSeconds(10));
        r.step(m);
        if (prefix != null) {
            r.metric(prefix + "refused", out.ok(), "", Better.NONE);
            r.metric(prefix + "errors", out.failed(), "", Better.LOWER);
            r.metric(prefix + "per_s", out.perSecond(), "1/s", Better.HIGHER);
            r.metric(prefix + "p50_ms", ref.p50Ms(), "ms", Better.LOWER);
            r.metric(prefix + "p99_ms", ref.p99Ms(), "ms", Better.LOWER);
            if (m.containsKey("server_cpu_us_per_refusal")) {
                r.metric(prefix + "server_cpu_pct", num(m, "server_cpu_pct"), "%", Better.NONE);
                r.metric(prefix + "server_cpu_us", num(m, "server_cpu_us_per_refusal"), "us", Better.LOWER);
            }
            if (m.containsKey("server_counted_unauthorized")) {
                r.metric(prefix + "server_counted", num(m, "server_counted_unauthorized"), "", Better.NONE);
            }
            if (out.failed() > 0) {
                r.error("refusal storm " + storm + ": " + out.failed() + " of " + n
                        + " upgrades not refused with a status (accepted, reset or timed out)");
            }
            if (wrongStatus.get() > 0) {
                r.error("refusal storm " + storm + ": statuses " + statuses + ", expected only 401");
            }
        }
    }

    private static void report(ScenarioResult r, String p, Map<String, Object> m) {
        for (String k : List.of("connected", "connect_errors", "connections_per_s", "upgrade_p50_ms", "upgrade_p99_ms",
                "first_pong_p50_ms", "first_pong_p99_ms", "ping_rtt_p99_ms", "bench_cpu_us_per_conn",
                "server_cpu_pct", "server_cpu_us_per_conn", "server_conn_per_cpu_s", "rss_connected_mb",
                "bytes_per_conn", "server_open_after_connect", "time_to_zero_ms")) {
            if (!m.containsKey(k)) {
                continue;
            }
            Better b = switch (k) {
                case "connections_per_s", "server_conn_per_cpu_s" -> Better.HIGHER;
                case "connected", "server_cpu_pct", "bench_cpu_us_per_conn", "server_open_after_connect",
                        "rss_connected_mb" -> Better.NONE;
                default -> Better.LOWER;
            };
            String unit = k.endsWith("_ms") ? "ms" : k.endsWith("_per_s") || k.endsWith("per_cpu_s") ? "1/s"
                    : k.endsWith("_us_per_conn") ? "us" : k.endsWith("_pct") ? "%" : k.endsWith("_mb") ? "MiB"
                    : k.equals("bytes_per_conn") ? "B" : "";
            r.metric(p + k, num(m, k), unit, b);
        }
    }

    static Optional<PromText> metrics(BenchContext ctx) {
        int port = ctx.options().metricsPort();
        if (port <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(PromText.fetch(ctx.options().host(), port));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }

    static double gauge(BenchContext ctx, String name) {
        return metrics(ctx).map(p -> p.sum(name, null)).orElse(Double.NaN);
    }

    static double delta(PromText now, PromText before, String name, String labels) {
        return now.sum(name, labels) - before.sum(name, labels);
    }

    private static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }
}
