package dev.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One tenant of the server. Limits are already resolved against the server defaults; {@code -1} means
 * unlimited. Sizes are in bytes (configured in KB, decimals allowed, rounded to whole bytes). {@code webhooks}
 * is the app's webhook list as configured (a JSON array, possibly empty).
 */
public record App(
    String id,
    String key,
    String secret,
    boolean enabled,
    boolean enableClientMessages,
    boolean enableUserAuthentication,
    boolean enableWatchlistEvents,
    boolean enableSubscriptionCount,
    int maxConnections,
    int maxClientEventsPerSecond,
    int maxReadRequestsPerSecond,
    int maxBackendEventsPerSecond,
    int maxPresenceMembersPerChannel,
    long maxPresenceMemberBytes,
    int maxChannelNameLength,
    int maxEventChannelsAtOnce,
    int maxEventNameLength,
    long maxEventPayloadBytes,
    int maxEventBatchSize,
    List<String> allowedOrigins,
    JsonNode webhooks) {

  public App {
    if (id == null || id.isEmpty()) {
      throw new AppException("app id must not be empty");
    }
    if (key == null || key.isEmpty()) {
      throw new AppException("app " + id + ": key must not be empty");
    }
    if (secret == null || secret.isEmpty()) {
      throw new AppException("app " + id + ": secret must not be empty");
    }
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** True when {@code value} is within {@code limit}, where -1 means unlimited. */
  public static boolean within(long value, long limit) {
    return limit < 0 || value <= limit;
  }

  /** {@code bytes} in KB as the user writes them: {@code 2}, {@code 0.25}; -1 stays -1. Exact (1024 = 2^10). */
  public static String kb(long bytes) {
    if (bytes < 0) {
      return "-1";
    }
    return java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1024)).stripTrailingZeros()
        .toPlainString();
  }

  @Override
  public String toString() {
    // never print the secret
    return "App[id=" + id + ", key=" + key + ", enabled=" + enabled + "]";
  }
}
