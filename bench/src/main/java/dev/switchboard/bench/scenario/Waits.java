package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling waits bounded by their own timeout and by the scenario's hard deadline. */
final class Waits {
    private Waits() {}

    /** Polls until the condition holds; returns whether it did, never later than timeout or deadline. */
    static boolean until(BenchContext ctx, Duration timeout, long pollMillis, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + Math.min(timeout.toNanos(), ctx.remainingMillis() * 1_000_000L);
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= end) {
                return false;
            }
            Thread.sleep(pollMillis);
        }
    }
}
