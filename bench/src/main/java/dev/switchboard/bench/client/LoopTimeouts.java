package dev.switchboard.bench.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link CompletableFuture#orTimeout} on the connection's own event loop. The JDK's version hands every
 * timeout to its shared scheduler threads (on JDK 25 the common ForkJoinPool's): in a connect storm that
 * is two cross-thread hand-offs per connection, about 5 % of the generator's core in S6's warm storms.
 */
public final class LoopTimeouts {
    private LoopTimeouts() {}

    /**
     * Fails {@code f} with a {@link TimeoutException} unless it completes within {@code timeoutMs}; with no
     * loop (a socket not created yet) the JDK's scheduler keeps the time.
     */
    public static <T> CompletableFuture<T> within(EventExecutor loop, CompletableFuture<T> f, long timeoutMs) {
        if (f.isDone()) {
            return f;
        }
        if (loop == null) {
            return f.orTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        }
        ScheduledFuture<?> timer = loop.schedule(() -> f.completeExceptionally(new TimeoutException(
                "no answer within " + timeoutMs + " ms")), timeoutMs, TimeUnit.MILLISECONDS);
        f.whenComplete((v, e) -> timer.cancel(false));
        return f;
    }
}
