package dev.switchboard.logging;

/**
 * Writes JSON string literals and numbers into a builder. Escapes what JSON requires (quote, backslash,
 * control characters) plus U+2028/U+2029 (line breaks to JavaScript tools); a lone surrogate, which no
 * UTF-8 encoder can write, becomes U+FFFD, so every line is valid UTF-8 JSON whatever the message holds.
 */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              b.append(c).append(s.charAt(++i));
            } else {
              b.append('\ufffd');
            }
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** A number or boolean as itself; NaN, infinities and everything else as a string. */
  static void value(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte || v instanceof java.math.BigInteger) {
      b.append(v);
    } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
      b.append(v);
    } else if (v instanceof java.math.BigDecimal d) {
      b.append(d.toString());
    } else {
      quote(b, String.valueOf(v));
    }
  }
}
