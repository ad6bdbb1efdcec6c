package dev.switchboard.signaling;

import dev.switchboard.transport.UriComponent;

/**
 * Which WebSocket paths are signaling, and the app key in them. The configured path and everything below
 * it match (y-webrtc users often put the room in the URL); the first segment below it names an app when an
 * app has that key. An empty base path matches every path.
 */
final class SignalingPaths {
  private final String base;

  SignalingPaths(String base) {
    this.base = base;
  }

  boolean matches(String path) {
    if (base.isEmpty()) {
      return true;
    }
    return path.equals(base) || path.startsWith(base) && path.charAt(base.length()) == '/';
  }

  /** The decoded first segment below the base path, or null when there is none. */
  String firstSegment(String path) {
    String rest = path.substring(Math.min(base.length(), path.length()));
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    int slash = rest.indexOf('/');
    String seg = slash < 0 ? rest : rest.substring(0, slash);
    return seg.isEmpty() ? null : UriComponent.decodeOrNull(seg); // malformed escapes name nothing
  }
}
