package dev.switchboard.logging;

/**
 * Client-chosen text (an app key from a URL, a topic name, a request path) made safe for one log line: control
 * characters, including line breaks that could forge a line of their own, become {@code \\uXXXX}, and long text is
 * cut, so a client can neither split nor flood a log line.
 */
public final class LogSafe {
  private static final int MAX_CHARS = 100;

  private LogSafe() {}

  /**
   * A URL (or a list of them) with the user-info part of each replaced by {@code ***}, so a password written into a
   * store, broker or webhook URL never reaches a log line: {@code redis://:pw@host} becomes {@code redis://***@host}.
   */
  public static String url(String s) {
    return s == null ? null : s.replaceAll("//[^@/\\s,]*@", "//***@");
  }

  public static String text(String s) {
    if (s == null) {
      return "null";
    }
    int n = Math.min(s.length(), MAX_CHARS);
    StringBuilder sb = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
      if (control && sb == null) {
        sb = new StringBuilder(n + 16).append(s, 0, i);
      }
      if (sb != null) {
        if (control) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    String out = sb == null ? s.substring(0, n) : sb.toString();
    return s.length() > MAX_CHARS ? out + "...(" + s.length() + " chars)" : out;
  }
}
