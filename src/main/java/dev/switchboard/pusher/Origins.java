package dev.switchboard.pusher;

import java.util.List;

/** allowed_origins matching: exact, {@code *}, or a {@code *} wildcard anywhere ({@code https://*.example.com}). */
final class Origins {
  private Origins() {}

  static boolean allowed(List<String> allowed, String origin) {
    if (allowed.isEmpty()) {
      return true;
    }
    if (origin == null) {
      return false;
    }
    for (String a : allowed) {
      if (a.equals("*") || a.equalsIgnoreCase(origin) || (a.contains("*") && wildcard(a, origin))) {
        return true;
      }
    }
    return false;
  }

  private static boolean wildcard(String pattern, String origin) {
    String regex = ("\\Q" + pattern.toLowerCase(java.util.Locale.ROOT) + "\\E").replace("*", "\\E[^/]*\\Q");
    return origin.toLowerCase(java.util.Locale.ROOT).matches(regex);
  }
}
