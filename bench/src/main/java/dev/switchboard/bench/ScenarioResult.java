package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bench.stats.LatencyStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of one scenario run, filled in as the scenario goes so that a run cut short by its hard timeout
 * still reports what it measured. Thread-safe.
 */
public final class ScenarioResult {
    /** Which direction is an improvement; drives the ratio column of the side-by-side table. */
    public enum Better { HIGHER, LOWER, NONE }

    public record Metric(double value, String unit, Better better) {}

    private final String scenario;
    private final String title;
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    public ScenarioResult(String scenario, String title) {
        this.scenario = scenario;
        this.title = title;
    }

    public String scenarioId() {
        return scenario;
    }

    public synchronized void metric(String name, double value, String unit, Better better) {
        metrics.put(name, new Metric(value, unit, better));
    }

    /** p50/p99/p99.9/max of a latency histogram as four metrics named {@code prefix_p50_ms} and so on. */
    public void latency(String prefix, LatencyStats.Summary s) {
        metric(prefix + "_p50_ms", s.p50Ms(), "ms", Better.LOWER);
        metric(prefix + "_p99_ms", s.p99Ms(), "ms", Better.LOWER);
        metric(prefix + "_p999_ms", s.p999Ms(), "ms", Better.LOWER);
        metric(prefix + "_max_ms", s.maxMs(), "ms", Better.LOWER);
    }

    public synchronized void param(String name, Object value) {
        params.put(name, value);
    }

    /** One row of a multi-step scenario (ramp step, API phase); kept in the JSON only. */
    public synchronized void step(Map<String, Object> step) {
        steps.add(new LinkedHashMap<>(step));
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    public synchronized void error(String text) {
        errors.add(text);
    }

    public synchronized boolean hasErrors() {
        return !errors.isEmpty();
    }

    public synchronized ObjectNode toJson(ObjectMapper mapper, BenchOptions o, long startedMillis, long elapsedMillis) {
        ObjectNode root = mapper.createObjectNode()
                .put("scenario", scenario)
                .put("title", title)
                .put("label", o.label())
                .put("host", o.host())
                .put("port", o.port())
                .put("scale", o.scale())
                .put("server_pid", o.pid())
                .put("started_ms", startedMillis)
                .put("elapsed_ms", elapsedMillis)
                .put("ok", errors.isEmpty());
        root.set("params", mapper.valueToTree(params));
        ObjectNode m = root.putObject("metrics");
        metrics.forEach((k, v) -> {
            ObjectNode n = m.putObject(k).put("unit", v.unit())
                    .put("better", v.better().name().toLowerCase(Locale.ROOT));
            if (Double.isFinite(v.value())) {
                n.put("value", v.value());
            } else {
                n.putNull("value");
            }
        });
        root.set("steps", mapper.valueToTree(steps));
        root.set("notes", mapper.valueToTree(notes));
        root.set("errors", mapper.valueToTree(errors));
        return root;
    }

    /** A two-line table: metric names over values, columns aligned. */
    public synchronized String table(String label) {
        List<String> head = new ArrayList<>(List.of("label", "scenario"));
        List<String> row = new ArrayList<>(List.of(label, scenario));
        metrics.forEach((k, v) -> {
            head.add(k + (v.unit().isEmpty() ? "" : "[" + v.unit() + "]"));
            row.add(format(v.value()));
        });
        StringBuilder h = new StringBuilder();
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < head.size(); i++) {
            int w = Math.max(head.get(i).length(), row.get(i).length());
            h.append(String.format("%-" + w + "s  ", head.get(i)));
            r.append(String.format("%-" + w + "s  ", row.get(i)));
        }
        StringBuilder out = new StringBuilder(h.toString().stripTrailing()).append('\n')
                .append(r.toString().stripTrailing()).append('\n');
        notes.forEach(n -> out.append("  note: ").append(n).append('\n'));
        errors.forEach(e -> out.append("  ERROR: ").append(e).append('\n'));
        return out.toString();
    }

    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
