package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.PusherListener;
import dev.switchboard.bench.stats.ProcessSampler.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * S1: idle memory. n connections, each on one of n/100 public channels (100 subscribers each) and on its own
 * private channel, then held for a settle period. Reports the server's RSS, the marginal bytes per connection
 * ((RSS after settle - RSS before connecting) / n) and its CPU use while nothing happens.
 */
public final class S1IdleMemory implements Scenario {
    @Override
    public String id() {
        return "S1";
    }

    @Override
    public String title() {
        return "idle memory: connections on a public and a private channel, held idle";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds(240 + (long) settle(o));
    }

    private static double settle(BenchOptions o) {
        return o.scaledSeconds(o.settleSeconds(), 30, 3);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(10_000, 1);
        int publicChannels = Math.max(1, n / 100);
        double settle = settle(o);
        r.param("connections", n);
        r.param("public_channels", publicChannels);
        r.param("settle_s", settle);

        Optional<Sample> before = ctx.sample();
        Bulk.Outcome connect = Bulk.run(ctx, n, o.inflight(), i -> Subscribe.connect(ctx, PusherListener.IGNORE,
                List.of("bench-s1-" + (i % publicChannels), "private-bench-s1-" + i)));
        r.metric("connections", connect.ok(), "", Better.NONE);
        r.metric("connect_errors", connect.failed(), "", Better.LOWER);
        r.metric("connect_s", connect.elapsedNanos() / 1e9, "s", Better.LOWER);
        if (connect.firstError() != null) {
            r.note("first connect error: " + connect.firstError());
        }
        System.err.printf("[S1] %d connected (%d failed) in %.1f s; settling %.0f s%n", connect.ok(),
                connect.failed(), connect.elapsedNanos() / 1e9, settle);

        Optional<Sample> settleStart = ctx.sample();
        ctx.sleep(Duration.ofMillis((long) (settle * 1000)));
        Optional<Sample> after = ctx.sample();
        int live = ctx.connector().liveCount();
        r.metric("still_connected", live, "", Better.NONE);
        if (before.isPresent() && after.isPresent()) {
            long delta = after.get().rssBytes() - before.get().rssBytes();
            r.metric("rss_before_mb", before.get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
            r.metric("rss_mb", after.get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
            r.metric("bytes_per_conn", connect.ok() == 0 ? Double.NaN : (double) delta / connect.ok(), "B",
                    Better.LOWER);
            r.metric("idle_cpu_pct", after.get().cpuPercentSince(settleStart.get()), "%", Better.LOWER);
        } else {
            r.note("no --pid: server RSS and CPU not sampled");
        }
        if (live < connect.ok()) {
            r.error((connect.ok() - live) + " connections were closed while idle");
        }
        ctx.connector().closeAll(Duration.ofSeconds(30));
    }
}
