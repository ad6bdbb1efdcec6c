package dev.switchboard.core;

/** UTF-8 sizes of text without encoding it: size limits are checked on every event, so no byte copy. */
public final class Utf8 {
  private Utf8() {}

  /**
   * The number of bytes {@code s} takes in UTF-8. A surrogate pair counts 4; a lone surrogate 3, the most an
   * encoder writes for it (limits are never undercounted).
   */
  public static int length(CharSequence s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes++;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // 4 bytes for the pair of chars
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  /** True when {@code bytes} are well-formed UTF-8 (what a WebSocket text frame must carry). */
  public static boolean valid(byte[] bytes) {
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }
}
