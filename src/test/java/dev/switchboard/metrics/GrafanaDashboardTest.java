package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shape of ops/grafana/switchboard.json: what Grafana needs to import it and lay it out without overlap. */
class GrafanaDashboardTest {
  private static final Set<String> BUILT_IN = Set.of("__rate_interval", "__interval", "__range");
  private final JsonNode dashboard;

  GrafanaDashboardTest() throws Exception {
    dashboard = new ObjectMapper().readTree(Path.of("ops/grafana/switchboard.json").toFile());
  }

  @Test
  void panelsHaveUniqueIdsAndDoNotOverlapOnTheGrid() {
    Set<Integer> ids = new HashSet<>();
    List<int[]> boxes = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      assertTrue(ids.add(p.path("id").asInt()), "duplicate panel id " + p.path("id"));
      JsonNode g = p.path("gridPos");
      int x = g.path("x").asInt();
      int y = g.path("y").asInt();
      int w = g.path("w").asInt();
      int h = g.path("h").asInt();
      assertTrue(w > 0 && h > 0 && x >= 0 && x + w <= 24, p.path("title") + ": " + g);
      for (int[] b : boxes) {
        boolean apart = x + w <= b[0] || b[0] + b[2] <= x || y + h <= b[1] || b[1] + b[3] <= y;
        assertTrue(apart, p.path("title") + " overlaps another panel at " + g);
      }
      boxes.add(new int[] {x, y, w, h});
    }
    assertTrue(ids.size() > 30, "panels: " + ids.size());
  }

  @Test
  void everyQueryHasItsOwnRefIdAndUsesOnlyDefinedVariables() {
    Set<String> defined = new HashSet<>(BUILT_IN);
    dashboard.path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
    assertEquals(Set.of("datasource", "prefix", "instance", "app_id", "__rate_interval", "__interval", "__range"),
        defined);
    Pattern var = Pattern.compile("\\$\\{?(\\w+)}?");
    for (JsonNode p : dashboard.path("panels")) {
      if (p.path("type").asText().equals("row")) {
        continue;
      }
      assertEquals("${datasource}", p.path("datasource").path("uid").asText(), p.path("title").asText());
      Set<String> refIds = new HashSet<>();
      assertTrue(p.path("targets").size() > 0, p.path("title") + " has no query");
      for (JsonNode t : p.path("targets")) {
        assertTrue(refIds.add(t.path("refId").asText()), p.path("title") + ": duplicate refId");
        Matcher m = var.matcher(t.path("expr").asText());
        while (m.find()) {
          assertTrue(defined.contains(m.group(1)), p.path("title") + ": undefined variable $" + m.group(1));
        }
      }
    }
  }
}
