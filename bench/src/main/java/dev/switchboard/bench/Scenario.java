package dev.switchboard.bench;

import java.time.Duration;

/** One benchmark scenario. Implementations bound every loop in count and time and close what they open. */
public interface Scenario {
    /** The CLI name, e.g. {@code S3a}. */
    String id();

    /** One line saying what is measured. */
    String title();

    /** The whole run, connect to cleanup, must end within this; the bench aborts it afterwards. */
    Duration hardTimeout(BenchOptions options);

    /** Runs and records figures into {@code result} as they become known. */
    void run(BenchContext ctx, ScenarioResult result) throws Exception;
}
