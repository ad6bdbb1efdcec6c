package dev.switchboard.bench.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds, recorded wait-free from any event loop, read as interval histograms so a
 * scenario can report per step (ramp) or per phase without stopping the writers.
 */
public final class LatencyStats {
    private final Recorder recorder = new Recorder(3);

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, nanos / 1000));
    }

    public void recordSince(long startNanos) {
        recordNanos(System.nanoTime() - startNanos);
    }

    /** Everything recorded since the previous call (or creation), and starts a new interval. */
    public Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    /** Percentiles of a histogram in milliseconds. */
    public record Summary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
        public static Summary of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Summary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }
}
