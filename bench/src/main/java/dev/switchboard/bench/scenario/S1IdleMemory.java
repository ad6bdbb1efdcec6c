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
 * private channel, then held idle for one activity timeout (Pusher's 120 s, which soketi and Switchboard both
 * announce), so every client pings once and the server answers, as idle pusher-js clients do. Reports the
 * server's RSS, the marginal bytes per connection ((RSS after settle - RSS before connecting) / n), the same
 * slope over the second half only (start-up costs such as JIT code paid by then) and its CPU use while idle.
 */
public final class S1IdleMemory implements Scenario {
    /** Pusher's activity timeout: the default hold. */
    private static final double ACTIVITY_TIMEOUT_S = 120;
    /** Pause between the two connect halves, so the mid sample is not taken mid-burst. */
    private static final double HALF_PAUSE_MAX_S = 15;

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
        return Duration.ofSeconds(240 + (long) (1.5 * settle(o)));
    }

    /** The idle hold: one activity timeout unless --settle says otherwise. */
    private static double settle(BenchOptions o) {
        return o.scaledSeconds(o.settleSeconds(), ACTIVITY_TIMEOUT_S, 3);
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

        // connect in two halves, sampling RSS after each: the second half's slope is the cost of one more
        // connection once start-up work (JIT, class loading, pools) triggered by the first ones is done
        Optional<Sample> before = ctx.sample();
        int half = n / 2;
        Bulk.Outcome first = connectRange(ctx, o, 0, half, publicChannels);
        ctx.sleep(Duration.ofMillis((long) (Math.min(settle / 2, HALF_PAUSE_MAX_S) * 1000)));
        Optional<Sample> mid = ctx.sample();
        Bulk.Outcome second = connectRange(ctx, o, half, n - half, publicChannels);
        int ok = first.ok() + second.ok();
        r.metric("connections", ok, "", Better.NONE);
        r.metric("connect_errors", first.failed() + second.failed(), "", Better.LOWER);
        r.metric("connect_s", (first.elapsedNanos() + second.elapsedNanos()) / 1e9, "s", Better.LOWER);
        String firstError = first.firstError() != null ? first.firstError() : second.firstError();
        if (firstError != null) {
            r.note("first connect error: " + firstError);
        }
        System.err.printf("[S1] %d connected (%d failed); settling %.0f s%n", ok,
                first.failed() + second.failed(), settle);

        Optional<Sample> settleStart = ctx.sample();
        ctx.sleep(Duration.ofMillis((long) (settle * 1000)));
        Optional<Sample> after = ctx.sample();
        int live = ctx.connector().liveCount();
        r.metric("still_connected", live, "", Better.NONE);
        if (before.isPresent() && after.isPresent()) {
            long delta = after.get().rssBytes() - before.get().rssBytes();
            r.metric("rss_before_mb", before.get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
            r.metric("rss_mb", after.get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
            r.metric("bytes_per_conn", ok == 0 ? Double.NaN : (double) delta / ok, "B", Better.LOWER);
            if (mid.isPresent() && second.ok() > 0) {
                r.metric("bytes_per_conn_2nd_half", (double) (after.get().rssBytes() - mid.get().rssBytes())
                        / second.ok(), "B", Better.LOWER);
            }
            r.metric("idle_cpu_pct", after.get().cpuPercentSince(settleStart.get()), "%", Better.LOWER);
        } else {
            r.note("no --pid: server RSS and CPU not sampled");
        }
        if (live < ok) {
            r.error((ok - live) + " connections were closed while idle");
        }
        ctx.connector().closeAll(Duration.ofSeconds(30));
    }

    private static Bulk.Outcome connectRange(BenchContext ctx, BenchOptions o, int from, int count,
            int publicChannels) throws InterruptedException {
        return Bulk.run(ctx, count, o.inflight(), i -> Subscribe.connect(ctx, PusherListener.IGNORE,
                List.of("bench-s1-" + ((from + i) % publicChannels), "private-bench-s1-" + (from + i))));
    }
}
