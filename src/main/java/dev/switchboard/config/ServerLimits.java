package dev.switchboard.config;

/**
 * Server-wide defaults for the per-app limits; an app that leaves a limit unset gets these.
 * {@code -1} means unlimited. Sizes are held in bytes: their keys are in KB and take decimals, as soketi's do.
 */
public record ServerLimits(
    int maxChannelNameLength,
    int maxEventChannelsAtOnce,
    int maxEventNameLength,
    long maxEventPayloadBytes,
    int maxEventBatchSize,
    int maxPresenceMembersPerChannel,
    long maxPresenceMemberBytes,
    int maxConnections,
    int maxClientEventsPerSecond,
    int maxBackendEventsPerSecond,
    int maxReadRequestsPerSecond) {

  /** The defaults soketi and Sockudo ship with. */
  public static final ServerLimits DEFAULTS = new ServerLimits(200, 100, 200, 100 * 1024, 10, 100, 2 * 1024,
      -1, -1, -1, -1);

  public ServerLimits {
    positive("channel_limits.max_name_length", maxChannelNameLength);
    positive("event_limits.max_channels_at_once", maxEventChannelsAtOnce);
    positive("event_limits.max_name_length", maxEventNameLength);
    positiveSize("event_limits.max_payload_in_kb", maxEventPayloadBytes);
    positive("event_limits.max_batch_size", maxEventBatchSize);
    positive("presence.max_members_per_channel", maxPresenceMembersPerChannel);
    positiveSize("presence.max_member_size_in_kb", maxPresenceMemberBytes);
  }

  private static void positive(String key, int v) {
    if (v == 0 || v < -1) {
      throw ConfigException.invalid(key, v, "a positive integer or -1 for unlimited");
    }
  }

  private static void positiveSize(String key, long bytes) {
    if (bytes == 0 || bytes < -1) {
      throw ConfigException.invalid(key, dev.switchboard.app.App.kb(bytes),
          "a size of at least one byte (1/1024 KB) or -1 for unlimited");
    }
  }

  static ServerLimits from(ConfigTree t) {
    ServerLimits d = DEFAULTS;
    return new ServerLimits(
        t.integer("channel_limits.max_name_length", d.maxChannelNameLength),
        t.integer("event_limits.max_channels_at_once", d.maxEventChannelsAtOnce),
        t.integer("event_limits.max_name_length", d.maxEventNameLength),
        t.bytes("event_limits.max_payload_in_kb", 100, 1024),
        t.integer("event_limits.max_batch_size", d.maxEventBatchSize),
        t.integer("presence.max_members_per_channel", d.maxPresenceMembersPerChannel),
        t.bytes("presence.max_member_size_in_kb", 2, 1024),
        d.maxConnections,
        d.maxClientEventsPerSecond,
        d.maxBackendEventsPerSecond,
        d.maxReadRequestsPerSecond);
  }
}
