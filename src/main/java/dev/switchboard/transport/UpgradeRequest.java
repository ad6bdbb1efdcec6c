package dev.switchboard.transport;

import java.util.function.Function;

/**
 * A WebSocket upgrade request as a dialect sees it before deciding.
 *
 * @param path the request path with the server's path prefix removed
 * @param query the raw query string, or null
 * @param remoteIp the peer's IP address
 * @param header any header of the request by name (case-insensitive), or null
 */
public record UpgradeRequest(String path, String query, String remoteIp, Function<String, String> header) {
  /**
   * The client's address: the last entry of {@code ipHeader} (what the nearest proxy saw) when that header is
   * configured and present, else the peer's address.
   */
  public String clientIp(String ipHeader) {
    if (!ipHeader.isEmpty()) {
      String v = header.apply(ipHeader);
      if (v != null && !v.isBlank()) {
        return v.substring(v.lastIndexOf(',') + 1).trim();
      }
    }
    return remoteIp == null ? "unknown" : remoteIp;
  }
}
