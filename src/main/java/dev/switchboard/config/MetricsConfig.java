package dev.switchboard.config;

/**
 * Prometheus endpoint settings; soketi's names and its default port 9601. {@code prefix} starts every
 * series name ({@code switchboard_} by default, {@code soketi_} to keep soketi dashboards).
 */
public record MetricsConfig(boolean enabled, String host, int port, String prefix) {
  static MetricsConfig from(ConfigTree t) {
    int port = t.integer("metrics.port", 9601);
    if (port < 0 || port > 65535) {
      throw ConfigException.invalid("metrics.port", port, "a port number");
    }
    String prefix = t.string("metrics.prometheus.prefix", "switchboard_");
    if (!prefix.matches("[a-zA-Z_:][a-zA-Z0-9_:]*|")) {
      throw ConfigException.invalid("metrics.prometheus.prefix", prefix,
          "letters, digits, _ and : not starting with a digit (a Prometheus metric name prefix)");
    }
    return new MetricsConfig(t.bool("metrics.enabled", true), t.string("metrics.host", "0.0.0.0"), port, prefix);
  }
}
