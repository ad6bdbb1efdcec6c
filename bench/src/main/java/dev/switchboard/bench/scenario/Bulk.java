package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Starts {@code n} asynchronous tasks with at most {@code maxInFlight} outstanding: a connect storm that
 * opens every socket at once only measures the kernel's SYN backlog. Each task must carry its own timeout;
 * the whole call also stops at the scenario's hard deadline.
 */
final class Bulk {
    record Outcome(int ok, int failed, String firstError, long elapsedNanos) {
        double perSecond() {
            return elapsedNanos <= 0 ? 0 : ok * 1e9 / elapsedNanos;
        }
    }

    private Bulk() {}

    static Outcome run(BenchContext ctx, int n, int maxInFlight, IntFunction<CompletableFuture<?>> task)
            throws InterruptedException {
        Semaphore permits = new Semaphore(maxInFlight);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        int started = 0;
        for (int i = 0; i < n; i++) {
            if (!permits.tryAcquire(ctx.remainingMillis(), TimeUnit.MILLISECONDS)) {
                break; // hard deadline reached
            }
            started++;
            CompletableFuture<?> f;
            try {
                f = task.apply(i);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((v, e) -> {
                if (e == null) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, describe(e));
                }
                permits.release();
            });
        }
        boolean drained = permits.tryAcquire(maxInFlight, ctx.remainingMillis(), TimeUnit.MILLISECONDS);
        if (drained) {
            permits.release(maxInFlight);
        }
        int notStarted = n - started;
        if (notStarted > 0) {
            firstError.compareAndSet(null, notStarted + " tasks not started before the deadline");
        }
        return new Outcome(ok.get(), failed.get() + notStarted, firstError.get(), System.nanoTime() - start);
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
