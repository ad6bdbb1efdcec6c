package dev.switchboard.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Environment variable names and the config path each sets. Our own names are {@code SWITCHBOARD_} plus
 * the path in upper snake case ({@code app_manager.cache.ttl} → {@code SWITCHBOARD_APP_MANAGER_CACHE_TTL});
 * soketi 1.6 and Sockudo names are listed explicitly so a migrated deployment keeps its environment.
 * Drivers register their own keys with {@link #register}.
 */
public final class EnvAliases {
  /** Paths that take a SWITCHBOARD_ variable. */
  private static final List<String> OWN_PATHS = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(
      "host", "port", "path_prefix", "activity_timeout", "pong_timeout_ms", "shutdown_grace_period_ms",
      "user_authentication_timeout_ms", "websocket_max_payload_kb", "max_outbound_buffer_kb", "event_loops",
      "transport", "http_api.request_limit_in_mb", "channel_limits.max_name_length", "channel_limits.cache_ttl",
      "event_limits.max_channels_at_once", "event_limits.max_name_length", "event_limits.max_payload_in_kb",
      "event_limits.max_batch_size", "presence.max_members_per_channel", "presence.max_member_size_in_kb",
      "app_manager.driver", "app_manager.cache.enabled", "app_manager.cache.ttl", "adapter.driver",
      "queue.driver", "rate_limiter.driver", "metrics.enabled", "metrics.host", "metrics.port",
      "metrics.prometheus.prefix"));

  static {
    OWN_PATHS.addAll(ClientLimits.KEYS);
  }

  /** Peer names (soketi, Sockudo, plain) → path. */
  private static final Map<String, String> PEER = new LinkedHashMap<>();
  /** Peer names whose value is in seconds while their path is in milliseconds. */
  private static final java.util.Set<String> SECONDS = new java.util.HashSet<>();

  static {
    // soketi 1.6 reads SOKETI_ + the names in its src/cli/cli.ts; Sockudo reads the plain names
    alias("host", "SOKETI_HOST", "HOST");
    alias("port", "SOKETI_PORT", "PORT");
    alias("path_prefix", "SOKETI_PATH_PREFIX", "PATH_PREFIX");
    alias("activity_timeout", "ACTIVITY_TIMEOUT");
    alias("shutdown_grace_period_ms", "SOKETI_SHUTDOWN_GRACE_PERIOD"); // soketi: milliseconds
    alias("user_authentication_timeout_ms", "SOKETI_USER_AUTHENTICATION_TIMEOUT");
    aliasSeconds("shutdown_grace_period_ms", "SHUTDOWN_GRACE_PERIOD"); // Sockudo: seconds
    aliasSeconds("user_authentication_timeout_ms", "USER_AUTHENTICATION_TIMEOUT");
    alias("websocket_max_payload_kb", "WEBSOCKET_MAX_PAYLOAD_KB");
    alias("http_api.request_limit_in_mb", "SOKETI_HTTP_REQUEST_LIMIT_IN_MB");
    alias("channel_limits.max_name_length", "SOKETI_CHANNEL_LIMITS_MAX_NAME_LENGTH", "CHANNEL_LIMITS_MAX_NAME_LENGTH");
    alias("channel_limits.cache_ttl", "SOKETI_CHANNEL_CACHE_TTL", "CHANNEL_LIMITS_CACHE_TTL");
    alias("event_limits.max_channels_at_once", "SOKETI_EVENT_MAX_CHANNELS_AT_ONCE",
        "EVENT_LIMITS_MAX_CHANNELS_AT_ONCE");
    alias("event_limits.max_name_length", "SOKETI_EVENT_MAX_NAME_LENGTH", "EVENT_LIMITS_MAX_NAME_LENGTH");
    alias("event_limits.max_payload_in_kb", "SOKETI_EVENT_MAX_SIZE_IN_KB", "EVENT_LIMITS_MAX_PAYLOAD_IN_KB");
    alias("event_limits.max_batch_size", "SOKETI_EVENT_MAX_BATCH_SIZE", "EVENT_LIMITS_MAX_BATCH_SIZE");
    alias("presence.max_members_per_channel", "SOKETI_PRESENCE_MAX_MEMBERS", "PRESENCE_MAX_MEMBERS_PER_CHANNEL");
    alias("presence.max_member_size_in_kb", "SOKETI_PRESENCE_MAX_MEMBER_SIZE", "PRESENCE_MAX_MEMBER_SIZE_IN_KB");
    alias("app_manager.driver", "SOKETI_APP_MANAGER_DRIVER", "APP_MANAGER_DRIVER");
    alias("app_manager.cache.enabled", "SOKETI_APP_MANAGER_CACHE_ENABLED", "APP_MANAGER_CACHE_ENABLED");
    alias("app_manager.cache.ttl", "SOKETI_APP_MANAGER_CACHE_TTL", "APP_MANAGER_CACHE_TTL");
    alias("adapter.driver", "SOKETI_ADAPTER_DRIVER", "ADAPTER_DRIVER");
    alias("queue.driver", "SOKETI_QUEUE_DRIVER", "QUEUE_DRIVER");
    alias("rate_limiter.driver", "SOKETI_RATE_LIMITER_DRIVER", "RATE_LIMITER_DRIVER");
    alias("metrics.enabled", "SOKETI_METRICS_ENABLED", "METRICS_ENABLED");
    alias("metrics.host", "SOKETI_METRICS_HOST", "METRICS_HOST");
    alias("metrics.port", "SOKETI_METRICS_SERVER_PORT", "METRICS_PORT");
    alias("metrics.prometheus.prefix", "SOKETI_METRICS_PREFIX", "METRICS_PROMETHEUS_PREFIX");
    alias("metrics.prometheus.prefix", "SOKETI_METRICS_PROMETHEUS_PREFIX"); // soketi 1.6's own name
    // cluster (adapter.*) and the shared Redis connection
    register("adapter.redis.url", "REDIS_URL", "SOKETI_ADAPTER_REDIS_URL");
    register("adapter.redis.prefix", "SOKETI_ADAPTER_REDIS_PREFIX", "ADAPTER_REDIS_PREFIX");
    register("database.redis.host", "SOKETI_DB_REDIS_HOST", "REDIS_HOST", "DATABASE_REDIS_HOST");
    register("database.redis.port", "SOKETI_DB_REDIS_PORT", "REDIS_PORT", "DATABASE_REDIS_PORT");
    register("database.redis.db", "SOKETI_DB_REDIS_DB", "REDIS_DB", "DATABASE_REDIS_DB");
    register("database.redis.username", "SOKETI_DB_REDIS_USERNAME", "DATABASE_REDIS_USERNAME");
    register("database.redis.password", "SOKETI_DB_REDIS_PASSWORD", "REDIS_PASSWORD", "DATABASE_REDIS_PASSWORD");
    register("database.redis.key_prefix", "SOKETI_DB_REDIS_KEY_PREFIX", "DATABASE_REDIS_KEY_PREFIX");
    register("adapter.nats.servers", "SOKETI_ADAPTER_NATS_SERVERS", "NATS_SERVERS", "NATS_URL", "ADAPTER_NATS_SERVERS");
    register("adapter.nats.user", "SOKETI_ADAPTER_NATS_USER", "NATS_USER", "ADAPTER_NATS_USERNAME");
    register("adapter.nats.password", "SOKETI_ADAPTER_NATS_PASSWORD", "NATS_PASSWORD", "ADAPTER_NATS_PASSWORD");
    register("adapter.nats.token", "SOKETI_ADAPTER_NATS_TOKEN", "NATS_TOKEN", "ADAPTER_NATS_TOKEN");
    register("adapter.nats.prefix", "SOKETI_ADAPTER_NATS_PREFIX", "ADAPTER_NATS_PREFIX");
    register("rate_limiter.redis.url");
    register("cache.driver", "SOKETI_CACHE_DRIVER", "CACHE_DRIVER");
    register("cache.redis.url");
    register("adapter.heartbeat_interval_ms");
    register("adapter.node_timeout_ms");
    // TLS: soketi's SOKETI_SSL_* (a certificate turns it on), Sockudo's SSL_ENABLED/SSL_CERT_PATH/SSL_KEY_PATH
    register("ssl.enabled", "SSL_ENABLED");
    register("ssl.cert_path", "SOKETI_SSL_CERT", "SSL_CERT_PATH");
    register("ssl.key_path", "SOKETI_SSL_KEY", "SSL_KEY_PATH");
    register("ssl.passphrase", "SOKETI_SSL_PASS");
    register("ssl.ca_path", "SOKETI_SSL_CA");
    register("ssl.client_auth");
    register("ssl.reload_interval_sec");
    register("ssl.metrics");
    register("ssl.engine");
  }

  static {
    // queues and webhooks (their SWITCHBOARD_ names come with register)
    register("queue.concurrency", "SOKETI_QUEUE_REDIS_CONCURRENCY", "QUEUE_REDIS_CONCURRENCY",
        "SOKETI_QUEUE_SQS_CONCURRENCY", "QUEUE_SQS_CONCURRENCY");
    register("queue.redelivery_ms");
    register("queue.prefix", "QUEUE_REDIS_PREFIX");
    register("queue.redis.url", "QUEUE_REDIS_URL");
    register("queue.rabbitmq.url", "QUEUE_RABBITMQ_URL");
    register("queue.nats.servers", "QUEUE_NATS_SERVERS");
    register("queue.sqs.queue_url", "SOKETI_QUEUE_SQS_URL", "QUEUE_SQS_URL");
    register("queue.sqs.region", "SOKETI_QUEUE_SQS_REGION", "QUEUE_SQS_REGION");
    register("queue.sqs.endpoint", "SOKETI_QUEUE_SQS_ENDPOINT", "QUEUE_SQS_ENDPOINT", "QUEUE_SQS_ENDPOINT_URL");
    register("queue.sqs.wait_time_seconds", "QUEUE_SQS_WAIT_TIME_SECONDS");
    register("webhooks.batching.enabled", "SOKETI_WEBHOOKS_BATCHING", "WEBHOOKS_BATCHING_ENABLED",
        "WEBHOOKS_BATCHING");
    register("webhooks.batching.duration", "SOKETI_WEBHOOKS_BATCHING_DURATION", "WEBHOOKS_BATCHING_DURATION");
    register("webhooks.batching.max_size");
    register("webhooks.retry.initial_delay_ms");
    register("webhooks.retry.max_delay_ms");
    register("webhooks.retry.max_elapsed_ms");
    register("webhooks.timeout_ms");
    register("webhooks.max_job_bytes");
    register("webhooks.client_event_data");
    // app stores (database.*, app_manager.*)
    dev.switchboard.app.AppStoreEnv.register();
  }

  private EnvAliases() {}

  /** Adds {@code path} to the SWITCHBOARD_ names and maps each of {@code names} to it. */
  public static void register(String path, String... names) {
    if (!OWN_PATHS.contains(path)) {
      OWN_PATHS.add(path);
    }
    alias(path, names);
  }

  private static synchronized void alias(String path, String... names) {
    for (String n : names) {
      PEER.put(n, path);
    }
  }

  private static synchronized void aliasSeconds(String path, String... names) {
    alias(path, names);
    SECONDS.addAll(List.of(names));
  }

  /** True when {@code envName} is given in seconds for a path in milliseconds (Sockudo's time settings). */
  static boolean inSeconds(String envName) {
    return SECONDS.contains(envName);
  }

  public static String ownName(String path) {
    return "SWITCHBOARD_" + path.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
  }

  /**
   * Every (env name, path) pair in the order they are applied: peer names first, so that our own
   * SWITCHBOARD_ names win when both are set.
   */
  static List<Map.Entry<String, String>> all() {
    List<Map.Entry<String, String>> out = new java.util.ArrayList<>(PEER.entrySet());
    for (String p : OWN_PATHS) {
      out.add(Map.entry(ownName(p), p));
    }
    return out;
  }
}
