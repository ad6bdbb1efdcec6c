package dev.switchboard.bench.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How contended the machine's CPUs were during a run, from /proc/pressure/cpu ("some" = share of time at
 * least one runnable task waited for a CPU). On a shared 2-core box other work skews every figure, so each
 * result records it instead of leaving the reader to guess.
 */
public final class HostLoad {
    private final long startStallMicros;
    private final long startNanos;

    private HostLoad(long stallMicros, long nanos) {
        this.startStallMicros = stallMicros;
        this.startNanos = nanos;
    }

    public static HostLoad start() {
        return new HostLoad(stallMicros(), System.nanoTime());
    }

    /** Percent of wall time since {@link #start()} during which some task waited for a CPU; NaN if unknown. */
    public double pressurePercent() {
        long now = stallMicros();
        long wall = (System.nanoTime() - startNanos) / 1000;
        if (now < 0 || startStallMicros < 0 || wall <= 0) {
            return Double.NaN;
        }
        return 100.0 * (now - startStallMicros) / wall;
    }

    /** The 1-minute load average, NaN if unknown. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long stallMicros() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
                if (line.startsWith("some ")) {
                    return Long.parseLong(line.substring(line.indexOf("total=") + 6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // kernels without PSI: report unknown
        }
        return -1;
    }
}
