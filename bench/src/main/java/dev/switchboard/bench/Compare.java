package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bench.scenario.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code compare --a NAME=DIR --b NAME=DIR}: joins two directories of scenario JSON files into one
 * side-by-side table with the ratio b/a per metric and which side is better, as Markdown and JSON.
 */
final class Compare {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Compare() {}

    static int run(List<String> args) {
        try {
            Map<String, String> m = BenchOptions.toMap(args);
            String[] a = side(m.get("a"), "a");
            String[] b = side(m.get("b"), "b");
            Map<String, JsonNode> left = load(Path.of(a[1]));
            Map<String, JsonNode> right = load(Path.of(b[1]));
            ObjectNode out = JSON.createObjectNode().put("a", a[0]).put("b", b[0]);
            String md = render(a[0], b[0], left, right, out.putArray("rows"));
            System.out.print(md);
            if (m.containsKey("md")) {
                write(Path.of(m.get("md")), md);
            }
            if (m.containsKey("json")) {
                write(Path.of(m.get("json")), JSON.writeValueAsString(out) + "\n");
            }
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            return 2;
        }
    }

    private static String[] side(String spec, String name) {
        if (spec == null || !spec.contains("=")) {
            throw new IllegalArgumentException("--" + name + " NAME=DIR required");
        }
        return spec.split("=", 2);
    }

    /** scenario id -> result JSON, for every *.json in the directory (missing directory: none). */
    private static Map<String, JsonNode> load(Path dir) throws IOException {
        Map<String, JsonNode> byScenario = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return byScenario;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode n = JSON.readTree(p.toFile());
                if (n.has("scenario")) {
                    byScenario.put(n.get("scenario").asText(), n);
                }
            }
        }
        return byScenario;
    }

    private static String render(String a, String b, Map<String, JsonNode> left, Map<String, JsonNode> right,
            ArrayNode rows) {
        StringBuilder md = new StringBuilder();
        md.append("| scenario | metric | unit | ").append(a).append(" | ").append(b).append(" | ").append(b)
                .append('/').append(a).append(" | better |\n|---|---|---|---:|---:|---:|---|\n");
        List<String> problems = new ArrayList<>();
        for (Scenario s : Scenarios.all()) {
            JsonNode l = left.get(s.id());
            JsonNode r = right.get(s.id());
            if (l == null && r == null) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            if (l != null) {
                l.path("metrics").fieldNames().forEachRemaining(names::add);
            }
            if (r != null) {
                r.path("metrics").fieldNames().forEachRemaining(names::add);
            }
            for (String metric : names) {
                JsonNode lm = l == null ? null : l.path("metrics").get(metric);
                JsonNode rm = r == null ? null : r.path("metrics").get(metric);
                JsonNode any = lm != null ? lm : rm;
                double lv = value(lm);
                double rv = value(rm);
                double ratio = Double.isFinite(lv) && Double.isFinite(rv) && lv != 0 ? rv / lv : Double.NaN;
                String better = winner(any.path("better").asText("none"), lv, rv, a, b);
                md.append("| ").append(s.id()).append(" | ").append(metric).append(" | ")
                        .append(any.path("unit").asText("")).append(" | ").append(ScenarioResult.format(lv))
                        .append(" | ").append(ScenarioResult.format(rv)).append(" | ")
                        .append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "-")
                        .append(" | ").append(better).append(" |\n");
                ObjectNode row = rows.addObject().put("scenario", s.id()).put("metric", metric)
                        .put("unit", any.path("unit").asText("")).put("better", better);
                putNumber(row, "a", lv);
                putNumber(row, "b", rv);
                putNumber(row, "ratio", ratio);
            }
            collectProblems(problems, a, s.id(), l);
            collectProblems(problems, b, s.id(), r);
        }
        if (!problems.isEmpty()) {
            md.append("\nErrors and notes:\n\n");
            problems.forEach(p -> md.append("- ").append(p).append('\n'));
        }
        return md.toString();
    }

    private static void collectProblems(List<String> out, String side, String scenario, JsonNode result) {
        if (result == null) {
            out.add(side + " " + scenario + ": no result");
            return;
        }
        result.path("errors").forEach(e -> out.add(side + " " + scenario + " ERROR: " + e.asText()));
        result.path("notes").forEach(e -> out.add(side + " " + scenario + " note: " + e.asText()));
    }

    private static String winner(String better, double lv, double rv, String a, String b) {
        if (!Double.isFinite(lv) || !Double.isFinite(rv) || lv == rv || better.equals("none")) {
            return "";
        }
        boolean bWins = better.equals("higher") ? rv > lv : rv < lv;
        return bWins ? b : a;
    }

    private static double value(JsonNode metric) {
        if (metric == null || !metric.path("value").isNumber()) {
            return Double.NaN;
        }
        return metric.path("value").asDouble();
    }

    private static void putNumber(ObjectNode row, String name, double v) {
        if (Double.isFinite(v)) {
            row.put(name, v);
        } else {
            row.putNull(name);
        }
    }

    private static void write(Path p, String text) throws IOException {
        if (p.toAbsolutePath().getParent() != null) {
            Files.createDirectories(p.toAbsolutePath().getParent());
        }
        Files.writeString(p, text);
    }
}
