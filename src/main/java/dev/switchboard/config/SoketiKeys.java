package dev.switchboard.config;

import java.util.Map;

/**
 * soketi's flat dot-key config ({@code {"appManager.array.apps": [...], "eventLimits.maxNameLength": 100}})
 * mapped onto our tree. Most keys follow one rule, camelCase segments to snake_case
 * ({@code channelLimits.maxNameLength} → {@code channel_limits.max_name_length}); the exceptions, where soketi
 * uses other units or names, are listed.
 */
final class SoketiKeys {
  private static final Map<String, String> EXCEPTIONS = Map.of(
      "shutdownGracePeriod", "shutdown_grace_period_ms",
      "userAuthenticationTimeout", "user_authentication_timeout_ms",
      "metrics.port", "metrics.port",
      "metrics.prometheus.prefix", "metrics.prometheus.prefix",
      "httpApi.requestLimitInMb", "http_api.request_limit_in_mb");

  private SoketiKeys() {}

  static String path(String soketiKey) {
    String known = EXCEPTIONS.get(soketiKey);
    return known != null ? known : snake(soketiKey);
  }

  static String snake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && camel.charAt(i - 1) != '.') {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
