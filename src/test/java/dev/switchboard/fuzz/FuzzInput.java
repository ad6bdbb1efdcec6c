package dev.switchboard.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a fuzz input into the pieces a target needs, so that every stored seed is a readable file: the
 * first {@code n - 1} lines are one piece each and the rest of the input is the last piece. Bytes are read as
 * UTF-8 (malformed sequences become U+FFFD), as the server reads text from sockets and HTTP bodies.
 */
public final class FuzzInput {
  private FuzzInput() {}

  public static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** Exactly {@code n} pieces; missing lines are empty. */
  public static String[] lines(byte[] data, int n) {
    String[] out = new String[n];
    Arrays.fill(out, "");
    String s = text(data);
    int at = 0;
    for (int i = 0; i < n - 1; i++) {
      int nl = s.indexOf('\n', at);
      if (nl < 0) {
        out[i] = s.substring(at);
        return out;
      }
      out[i] = s.substring(at, nl);
      at = nl + 1;
    }
    out[n - 1] = s.substring(at);
    return out;
  }
}
