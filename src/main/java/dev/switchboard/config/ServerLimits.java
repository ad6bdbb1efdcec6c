package dev.switchboard.config;

/**
 * Server-wide defaults for the per-app limits; an app that leaves a limit unset gets these.
 * {@code -1} means unlimited.
 */
public record ServerLimits(
    int maxChannelNameLength,
    int maxEventChannelsAtOnce,
    int maxEventNameLength,
    int maxEventPayloadInKb,
    int maxEventBatchSize,
    int maxPresenceMembersPerChannel,
    int maxPresenceMemberSizeInKb,
    int maxConnections,
    int maxClientEventsPerSecond,
    int maxBackendEventsPerSecond,
    int maxReadRequestsPerSecond) {

  /** The defaults soketi and Sockudo ship with. */
  public static final ServerLimits DEFAULTS = new ServerLimits(200, 100, 200, 100, 10, 100, 2, -1, -1, -1, -1);

  public ServerLimits {
    positive("channel_limits.max_name_length", maxChannelNameLength);
    positive("event_limits.max_channels_at_once", maxEventChannelsAtOnce);
    positive("event_limits.max_name_length", maxEventNameLength);
    positive("event_limits.max_payload_in_kb", maxEventPayloadInKb);
    positive("event_limits.max_batch_size", maxEventBatchSize);
    positive("presence.max_members_per_channel", maxPresenceMembersPerChannel);
    positive("presence.max_member_size_in_kb", maxPresenceMemberSizeInKb);
  }

  private static void positive(String key, int v) {
    if (v == 0 || v < -1) {
      throw ConfigException.invalid(key, v, "a positive integer or -1 for unlimited");
    }
  }

  static ServerLimits from(ConfigTree t) {
    ServerLimits d = DEFAULTS;
    return new ServerLimits(
        t.integer("channel_limits.max_name_length", d.maxChannelNameLength),
        t.integer("event_limits.max_channels_at_once", d.maxEventChannelsAtOnce),
        t.integer("event_limits.max_name_length", d.maxEventNameLength),
        t.integer("event_limits.max_payload_in_kb", d.maxEventPayloadInKb),
        t.integer("event_limits.max_batch_size", d.maxEventBatchSize),
        t.integer("presence.max_members_per_channel", d.maxPresenceMembersPerChannel),
        t.integer("presence.max_member_size_in_kb", d.maxPresenceMemberSizeInKb),
        d.maxConnections,
        d.maxClientEventsPerSecond,
        d.maxBackendEventsPerSecond,
        d.maxReadRequestsPerSecond);
  }
}
