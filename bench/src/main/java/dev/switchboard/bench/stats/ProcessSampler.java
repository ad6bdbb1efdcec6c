package dev.switchboard.bench.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a process's resident set (VmRSS in /proc/N/status) and its CPU time (utime + stime in /proc/N/stat).
 * The server runs in another process, so this is the only way to charge memory and CPU to it alone.
 */
public final class ProcessSampler {
    private final long pid;
    private final long clockTicksPerSecond;

    public ProcessSampler(long pid) {
        this.pid = pid;
        this.clockTicksPerSecond = clockTicks();
    }

    public long pid() {
        return pid;
    }

    /** One reading; RSS in bytes, CPU in microseconds, at {@code System.nanoTime()}. */
    public record Sample(long rssBytes, long cpuMicros, long nanos) {
        /** CPU share of one core between two samples, in percent. */
        public double cpuPercentSince(Sample earlier) {
            long wallMicros = (nanos - earlier.nanos) / 1000;
            return wallMicros <= 0 ? Double.NaN : 100.0 * (cpuMicros - earlier.cpuMicros) / wallMicros;
        }

        public long cpuMicrosSince(Sample earlier) {
            return cpuMicros - earlier.cpuMicros;
        }
    }

    public Sample sample() {
        try {
            long now = System.nanoTime();
            return new Sample(rssBytes(), cpuMicros(), now);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + " (has the server exited?)", e);
        }
    }

    private long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024; // always reported in kB
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    private long cpuMicros() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name (field 2) may contain spaces and parentheses: count fields after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        return ticks * 1_000_000L / clockTicksPerSecond;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            OptionalLong v = out.matches("\\d+") ? OptionalLong.of(Long.parseLong(out)) : OptionalLong.empty();
            return v.orElse(100);
        } catch (IOException e) {
            return 100; // USER_HZ is 100 on every mainstream Linux build
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
