package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import java.time.Duration;

/** S3b: S3a with POST /batch_events carrying 10 events per request to the same channel. */
public final class S3bBatchFanout implements Scenario {
    private static final int BATCH = 10;

    @Override
    public String id() {
        return "S3b";
    }

    @Override
    public String title() {
        return "large fan-out: max deliveries/s, batch_events of 10 ramp";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return FanoutRamp.hardTimeout(o);
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(5_000, 1);
        FanoutRamp.Config cfg = new FanoutRamp.Config("bench-s3b", n, BATCH, 0);
        FanoutRamp.run(ctx, r, cfg, FanoutRamp.connect(ctx, r, cfg));
        ctx.connector().closeAll(Duration.ofSeconds(30));
    }
}
