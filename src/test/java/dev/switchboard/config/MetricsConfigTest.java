package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {
  private static MetricsConfig load(Map<String, String> env) {
    return ConfigLoader.load(null, env).metrics();
  }

  @Test
  void defaultsAreEnabledOnPort9601WithOurPrefix() {
    assertEquals(new MetricsConfig(true, "0.0.0.0", 9601, "switchboard_"), load(Map.of()));
  }

  @Test
  void soketiEnvironmentNamesSetEveryKey() {
    MetricsConfig m = load(Map.of("SOKETI_METRICS_ENABLED", "true", "SOKETI_METRICS_HOST", "127.0.0.1",
        "SOKETI_METRICS_SERVER_PORT", "9700", "SOKETI_METRICS_PROMETHEUS_PREFIX", "soketi_"));
    assertEquals(new MetricsConfig(true, "127.0.0.1", 9700, "soketi_"), m);
    assertEquals("soketi_", load(Map.of("SOKETI_METRICS_PREFIX", "soketi_")).prefix());
  }

  @Test
  void ourOwnNamesWinOverSoketiNames() {
    MetricsConfig m = load(Map.of("SOKETI_METRICS_PROMETHEUS_PREFIX", "soketi_",
        "SWITCHBOARD_METRICS_PROMETHEUS_PREFIX", "sb_", "SWITCHBOARD_METRICS_ENABLED", "false"));
    assertEquals("sb_", m.prefix());
    assertEquals(false, m.enabled());
  }

  @Test
  void aPrefixPrometheusCannotUseStopsStartUpNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load(Map.of("SWITCHBOARD_METRICS_PROMETHEUS_PREFIX", "9-lives")));
    assertTrue(e.getMessage().contains("SWITCHBOARD_METRICS_PROMETHEUS_PREFIX=9-lives"), e.getMessage());
    assertEquals("", load(Map.of("SWITCHBOARD_METRICS_PROMETHEUS_PREFIX", "")).prefix());
  }

  @Test
  void aPortOutOfRangeStopsStartUp() {
    assertThrows(ConfigException.class, () -> load(Map.of("SOKETI_METRICS_SERVER_PORT", "70000")));
  }
}
