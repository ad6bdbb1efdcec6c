package dev.switchboard.bench.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the server's RSS every few hundred milliseconds on a daemon thread and keeps the maximum: a slow
 * consumer's backlog can come and go between the before/after samples of a scenario.
 */
public final class PeakRssWatcher implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public PeakRssWatcher(ProcessSampler sampler, long periodMillis) {
        thread = Thread.ofPlatform().daemon().name("rss-watcher").start(() -> {
            while (running) {
                try {
                    peak.accumulateAndGet(sampler.sample().rssBytes(), Math::max);
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (IllegalStateException e) {
                    return; // server gone: the scenario reports that itself
                }
            }
        });
    }

    public long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
