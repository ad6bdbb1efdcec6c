package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.stats.PeakRssWatcher;
import dev.switchboard.bench.stats.ProcessSampler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * S7: the S3a ramp while 1% of the subscribers stop reading (autoRead off after subscribing). Shows whether
 * the others' latency holds and whether the server's memory stays bounded — by closing the slow sockets
 * (Switchboard: 4100 past the high-water mark) or by dropping their messages.
 */
public final class S7SlowConsumers implements Scenario {
    @Override
    public String id() {
        return "S7";
    }

    @Override
    public String title() {
        return "slow consumers: S3a with 1% subscribers not reading";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return FanoutRamp.hardTimeout(o);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(5_000, 1);
        r.param("slow_fraction", o.slowFraction());
        FanoutRamp.Config cfg = new FanoutRamp.Config("bench-s7", n, 1, o.slowFraction());
        Optional<ProcessSampler.Sample> before = ctx.sample();
        FanoutRamp.Audience audience = FanoutRamp.connect(ctx, r, cfg);
        try (PeakRssWatcher peak = ctx.sampler().map(s -> new PeakRssWatcher(s, 200)).orElse(null)) {
            FanoutRamp.run(ctx, r, cfg, audience);
            List<PusherConnection> slow = List.copyOf(audience.slow());
            long closed = slow.stream().filter(c -> !c.isOpen()).count();
            r.metric("slow_consumers", slow.size(), "", Better.NONE);
            r.metric("slow_closed_by_server", closed, "", Better.NONE);
            if (closed > 0) {
                r.note("slow consumer close codes (-1 = no close frame): " + audience.slowEvents().closeCodes());
            }
            r.metric("readers_dropped", audience.readers().unexpectedCloses(), "", Better.LOWER);
            if (peak != null) {
                r.metric("rss_before_mb", before.get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
                r.metric("rss_peak_mb", peak.peakBytes() / 1048576.0, "MiB", Better.LOWER);
                r.metric("rss_after_mb", ctx.sample().get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
            } else {
                r.note("no --pid: server RSS not sampled");
            }
            if (audience.readers().unexpectedCloses() > 0) {
                r.error(audience.readers().unexpectedCloses() + " reading subscribers were disconnected: "
                        + audience.readers().closeCodes());
            }
        }
        // slow sockets never read the server's close answer: drop them instead of waiting for it
        audience.slow().forEach(PusherConnection::abort);
        ctx.connector().closeAll(Duration.ofSeconds(30));
    }
}
