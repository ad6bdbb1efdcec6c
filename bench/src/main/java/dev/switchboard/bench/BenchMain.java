package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.bench.scenario.Scenarios;
import dev.switchboard.bench.stats.HostLoad;
import dev.switchboard.bench.stats.ProcessSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Entry point: runs one scenario under a hard timeout, prints a table row, writes JSON. Exit 0/1/2. */
public final class BenchMain {
    // time the harness grants after the scenario's own deadline for closing sockets before it gives up
    private static final Duration CLEANUP_GRACE = Duration.ofSeconds(20);

    private BenchMain() {}

    public static void main(String[] args) {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // leak tracking touches every message on every pipeline hop: a tenth of the generator's CPU, and
            // the generator's CPU is the yardstick the server is measured against
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(BenchOptions.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        if (args[0].equals("compare")) {
            System.exit(Compare.run(List.of(args).subList(1, args.length)));
        }
        BenchOptions options;
        Scenario scenario;
        try {
            options = BenchOptions.parse(Arrays.asList(args));
            scenario = Scenarios.byId(options.scenario());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, scenario));
    }

    static int run(BenchOptions options, Scenario scenario) {
        Duration hard = options.timeoutSeconds() != null
                ? Duration.ofMillis((long) (options.timeoutSeconds() * 1000))
                : scenario.hardTimeout(options);
        ScenarioResult result = new ScenarioResult(scenario.id(), scenario.title());
        result.param("threads", options.threads());
        result.param("source_addresses", options.sourceAddresses());
        result.param("client_transport", options.transport());
        if (options.tls()) {
            try {
                dev.switchboard.bench.client.ClientTls.enable();
            } catch (javax.net.ssl.SSLException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        result.param("client_tls", dev.switchboard.bench.client.ClientTls.describe());
        result.param("hard_timeout_s", hard.toSeconds());
        ProcessSampler self = new ProcessSampler(ProcessHandle.current().pid());
        ProcessSampler.Sample selfBefore = self.sample();
        HostLoad host = HostLoad.start();
        result.param("load_average_start", HostLoad.loadAverage());
        long started = System.currentTimeMillis();
        System.err.printf("[bench] %s %s against %s:%d (scale %s, hard timeout %ds)%n", scenario.id(),
                scenario.title(), options.host(), options.port(), options.scale(), hard.toSeconds());
        execute(options, scenario, result, hard);
        long elapsed = System.currentTimeMillis() - started;
        result.metric("bench_cpu_pct", self.sample().cpuPercentSince(selfBefore), "%", ScenarioResult.Better.NONE);
        double pressure = host.pressurePercent();
        result.metric("host_cpu_pressure_pct", pressure, "%", ScenarioResult.Better.NONE);
        result.param("load_average_end", HostLoad.loadAverage());
        if (pressure > 30) {
            result.note(String.format(Locale.ROOT, "runnable tasks waited for a CPU %.0f%% of the time:"
                    + " other work competed with server and generator, figures are unreliable", pressure));
        }
        System.out.print(result.table(options.label()));
        if (options.json() != null && !writeJson(options, result, started, elapsed)) {
            return 1;
        }
        return result.hasErrors() ? 1 : 0;
    }

    /** Runs the scenario on its own thread and abandons it once the hard timeout (plus cleanup grace) passed. */
    private static void execute(BenchOptions options, Scenario scenario, ScenarioResult result, Duration hard) {
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scenario-" + scenario.id());
            t.setDaemon(true);
            return t;
        });
        Future<?> run = exec.submit(() -> {
            try (BenchContext ctx = new BenchContext(options, hard)) {
                scenario.run(ctx, result);
            } catch (InterruptedException e) {
                result.error("interrupted (hard timeout)");
            } catch (Exception e) {
                result.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return null;
        });
        try {
            run.get(hard.plus(CLEANUP_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.error("hard timeout of " + hard.toSeconds() + " s exceeded; scenario aborted");
            run.cancel(true);
        } catch (InterruptedException | ExecutionException e) {
            result.error("harness: " + e);
        }
        exec.shutdownNow();
    }

    private static boolean writeJson(BenchOptions options, ScenarioResult result, long started, long elapsed) {
        try {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Path out = Path.of(options.json());
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            mapper.writeValue(out.toFile(), result.toJson(mapper, options, started, elapsed));
            return true;
        } catch (IOException e) {
            System.err.println("error: cannot write " + options.json() + ": " + e.getMessage());
            return false;
        }
    }
}
