package dev.switchboard.transport;

import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Percent-decoding of one path segment or query value from a client's request URI. Netty's decoder throws on
 * a malformed escape ({@code %zz}, a trailing {@code %4}); callers here get null instead and answer the
 * client with their usual refusal (404, 400, a refused upgrade) rather than letting the exception end the
 * connection without an answer.
 */
public final class UriComponent {
  private UriComponent() {}

  /** {@code s} decoded ({@code +} stays a plus, as in a path), or null when its escapes are malformed. */
  public static String decodeOrNull(String s) {
    try {
      return QueryStringDecoder.decodeComponent(s);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
