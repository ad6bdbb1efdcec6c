package dev.switchboard.auth;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * Takes the JWT from a WebSocket upgrade. Browsers cannot set headers on a WebSocket, so the token usually
 * comes in the query string; an {@code Authorization: Bearer} header works for other clients.
 */
public final class BearerTokens {
  private static final String BEARER = "Bearer ";

  private BearerTokens() {}

  /**
   * The token from the first non-blank query parameter among {@code queryNames} (in that order), else from
   * {@code authorizationHeader}; a {@code Bearer } prefix (any case; percent-encoded {@code Bearer%20} or
   * {@code Bearer+} in the query) is removed. Null when there is none.
   *
   * @param pathAndQuery the request URI, e.g. {@code /signaling?token=...}
   * @param authorizationHeader the {@code Authorization} header, or null
   */
  public static String from(String pathAndQuery, String authorizationHeader, String... queryNames) {
    String t = null;
    if (pathAndQuery != null && pathAndQuery.indexOf('?') >= 0) {
      Map<String, List<String>> q;
      try {
        q = new QueryStringDecoder(pathAndQuery).parameters();
      } catch (IllegalArgumentException malformed) {
        q = Map.of(); // a query whose escapes are malformed carries no token; the header may still
      }
      for (String name : queryNames) {
        t = first(q, name);
        if (t != null) {
          break;
        }
      }
    }
    if (t == null) {
      t = authorizationHeader;
    }
    if (t != null && t.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      t = t.substring(BEARER.length());
    }
    return t == null || t.isBlank() ? null : t.trim();
  }

  private static String first(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
  }
}
