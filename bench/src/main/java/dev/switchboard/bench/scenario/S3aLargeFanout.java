package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import java.time.Duration;

/** S3a: large fan-out — 5,000 subscribers on one channel, single-event publishes, publisher ramp. */
public final class S3aLargeFanout implements Scenario {
    @Override
    public String id() {
        return "S3a";
    }

    @Override
    public String title() {
        return "large fan-out: max deliveries/s, POST /events ramp";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return FanoutRamp.hardTimeout(o);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(5_000, 1);
        FanoutRamp.Config cfg = new FanoutRamp.Config("bench-s3a", n, 1, 0);
        FanoutRamp.run(ctx, r, cfg, FanoutRamp.connect(ctx, r, cfg));
        ctx.connector().closeAll(Duration.ofSeconds(30));
    }
}
