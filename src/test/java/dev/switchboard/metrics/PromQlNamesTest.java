package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {
  @Test
  void metricNamesAreTheIdentifiersThatAreNotFunctionsKeywordsOrLabels() {
    assertEquals(Set.of("switchboard_publish_write_latency_seconds_bucket"), PromQlNames.of(
        "histogram_quantile(0.99, sum by (instance, le) (rate(${prefix}publish_write_latency_seconds_bucket"
            + "{instance=~\"$instance\",app_id=~\"a|b\"}[$__rate_interval])))", "switchboard_"));
    assertEquals(Set.of("a_total", "b_total"), PromQlNames.of(
        "sum by (instance) (rate(a_total[10m])) > 0.5 * sum without (job) (rate(b_total[10m])) and on(x) 1e-9",
        "switchboard_"));
    assertEquals(Set.of("up", "soketi_ready"), PromQlNames.of("up{job=\"switchboard\"} == 0 or ${prefix}ready",
        "soketi_"));
    assertEquals(Set.of("x_open", "x_max"), PromQlNames.of("x_open / x_max > 0.8", ""));
  }

  @Test
  void ruleExpressionsAreReadSingleLineAndFolded() {
    List<String> lines = List.of("    rules:", "      - alert: A", "        expr: up == 0", "        for: 1m",
        "      - alert: B", "        expr: >-", "          sum(rate(a_total[5m]))", "          > 1",
        "        labels:", "          severity: warning");
    assertEquals(List.of("up == 0", "sum(rate(a_total[5m])) > 1"), PromQlNames.ruleExpressions(lines));
  }
}
