package dev.switchboard.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: identifiers that are not functions (followed by "("), keywords,
 * label names (inside {...} or a by/without/on/ignoring/group_x list), numbers or durations. Grafana
 * variables are replaced first ({@code ${prefix}} by the real prefix, ranges by 5m, the rest by ".*").
 */
final class PromQlNames {
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
  private static final Pattern LABEL_LIST = Pattern.compile(
      "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private PromQlNames() {}

  static Set<String> of(String expr, String prefix) {
    String e = expr.replace("${prefix}", prefix).replace("$__rate_interval", "5m").replace("$__interval", "1m")
        .replaceAll("\\$\\{?\\w+}?", ".*");
    e = e.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // string literals
        .replaceAll("\\{[^}]*}", " ") // label matchers
        .replaceAll("\\[[^]]*]", " "); // ranges and subqueries
    e = LABEL_LIST.matcher(e).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENT.matcher(e);
    while (m.find()) {
      String id = m.group();
      int after = m.end();
      while (after < e.length() && e.charAt(after) == ' ') {
        after++;
      }
      boolean function = after < e.length() && e.charAt(after) == '(';
      boolean number = m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1)); // 1e-9, 5m
      if (!function && !number && !KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
        names.add(id);
      }
    }
    return names;
  }

  /** Every PromQL expression of a Grafana dashboard: panel targets (rows nested too) and query variables. */
  static List<String> dashboardExpressions(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    collectTargets(dashboard.path("panels"), out);
    for (JsonNode v : dashboard.path("templating").path("list")) {
      JsonNode q = v.path("query");
      String text = q.isObject() ? q.path("query").asText("") : q.asText("");
      Matcher lv = Pattern.compile("label_values\\(([^,)]+)").matcher(text);
      if (v.path("type").asText().equals("query") && lv.find()) {
        out.add(lv.group(1));
      }
    }
    return out;
  }

  private static void collectTargets(JsonNode panels, List<String> out) {
    for (JsonNode p : panels) {
      for (JsonNode t : p.path("targets")) {
        if (t.hasNonNull("expr")) {
          out.add(t.get("expr").asText());
        }
      }
      collectTargets(p.path("panels"), out);
    }
  }

  /**
   * Every {@code expr:} of a Prometheus rules file, single-line or a folded block ({@code >-}, {@code |}), read
   * without a YAML library: the rules file keeps to that shape.
   */
  static List<String> ruleExpressions(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.trim();
      if (!trimmed.startsWith("expr:")) {
        continue;
      }
      String value = trimmed.substring("expr:".length()).trim();
      if (!value.matches("[>|][-+]?")) {
        out.add(value);
        continue;
      }
      int indent = line.indexOf("expr:");
      StringBuilder block = new StringBuilder();
      while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
          || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
        block.append(lines.get(++i).trim()).append(' ');
      }
      out.add(block.toString().trim());
    }
    return out;
  }
}
