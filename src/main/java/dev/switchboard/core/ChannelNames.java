package dev.switchboard.core;

/** Pusher's channel-name rules: {@code [A-Za-z0-9_\-=@,.;]} plus {@code #} for server-to-user channels. */
public final class ChannelNames {
  private ChannelNames() {}

  /**
   * True for a channel another dialect keeps in the core under a {@code dialect:} prefix (e.g. y-webrtc
   * topics as {@code signaling:room}). A colon is never valid in a Pusher name, so such a channel cannot be
   * reached by a Pusher client or the HTTP API; the core does not report it to its {@link HubListener} and
   * does not list it.
   */
  public static boolean isInternal(String name) {
    return name.indexOf(':') >= 0;
  }

  public static boolean valid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "_-=@,.;#".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
