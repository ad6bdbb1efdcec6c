package dev.switchboard.config;

/**
 * Limits per client address, against floods and slow clients that a per-app quota cannot see.
 *
 * @param requestHeadTimeoutMs time from a connection's accept (or a keep-alive request's first byte) to the end
 *     of its request head; past it the server answers 408 and closes (slowloris); 0 turns the guard off (no deadline
 *     and no pending cap)
 * @param maxPendingRequestsPerIp connections one TCP peer address may hold with an unfinished request head (counted
 *     once a head has been unfinished for a second, so a burst of fast clients never counts); new connections from
 *     that address past it get 429 and are closed; -1 unlimited
 * @param maxConnectionsPerIp concurrent Pusher sockets per client address; -1 unlimited (the default, as soketi)
 * @param maxConnectionsPerIpPerSecond new Pusher sockets per client address per second; -1 unlimited
 * @param ipHeader behind a proxy, the header naming the client address for the two Pusher limits (its last entry);
 *     empty for the peer address
 */
public record ClientLimits(int requestHeadTimeoutMs, int maxPendingRequestsPerIp, int maxConnectionsPerIp,
    int maxConnectionsPerIpPerSecond, String ipHeader) {
  /** The keys, settable as SWITCHBOARD_ + the key in upper snake case. */
  static final java.util.List<String> KEYS = java.util.List.of("http.request_head_timeout_ms",
      "http.max_pending_requests_per_ip", "max_connections_per_ip", "max_connections_per_ip_per_second",
      "ip_header");

  public ClientLimits {
    if (requestHeadTimeoutMs != 0 && (requestHeadTimeoutMs < 100 || requestHeadTimeoutMs > 3_600_000)) {
      throw ConfigException.invalid("http.request_head_timeout_ms", requestHeadTimeoutMs,
          "a number from 100 to 3600000, or 0 for no deadline");
    }
    positiveOrUnlimited("http.max_pending_requests_per_ip", maxPendingRequestsPerIp);
    positiveOrUnlimited("max_connections_per_ip", maxConnectionsPerIp);
    positiveOrUnlimited("max_connections_per_ip_per_second", maxConnectionsPerIpPerSecond);
  }

  private static void positiveOrUnlimited(String key, int v) {
    if (v == 0 || v < -1) {
      throw ConfigException.invalid(key, v, "a positive integer or -1 for unlimited");
    }
  }

  static ClientLimits from(ConfigTree t) {
    return new ClientLimits(
        t.integer("http.request_head_timeout_ms", 10_000),
        t.integer("http.max_pending_requests_per_ip", 64),
        t.integer("max_connections_per_ip", -1),
        t.integer("max_connections_per_ip_per_second", -1),
        t.string("ip_header", "").trim());
  }
}
