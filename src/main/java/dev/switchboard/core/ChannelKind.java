package dev.switchboard.core;

/** Channel kinds, decided by the name prefix as Pusher defines them. */
public enum ChannelKind {
  PUBLIC,
  PRIVATE,
  PRESENCE,
  PRIVATE_ENCRYPTED,
  SERVER_TO_USER;

  public static ChannelKind of(String name) {
    if (name.startsWith("private-encrypted-")) {
      return PRIVATE_ENCRYPTED;
    }
    if (name.startsWith("private-")) {
      return PRIVATE;
    }
    if (name.startsWith("presence-")) {
      return PRESENCE;
    }
    if (name.startsWith("#server-to-user-")) {
      return SERVER_TO_USER;
    }
    return PUBLIC;
  }

  /** Cache channels keep their last event: {@code cache-}, {@code private-cache-}, {@code presence-cache-}... */
  public static boolean isCache(String name) {
    return name.startsWith("cache-") || name.startsWith("private-cache-") || name.startsWith("presence-cache-")
        || name.startsWith("private-encrypted-cache-");
  }

  public boolean needsAuth() {
    return this == PRIVATE || this == PRESENCE || this == PRIVATE_ENCRYPTED;
  }
}
