package dev.switchboard.gateway.connections;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The parts of the SigV4 canonical request, built from what arrived on the wire. */
final class SigV4Canonical {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private SigV4Canonical() {}

  /**
   * The canonical URI. Clients sign their already-encoded path encoded once more ("each path segment URI-encoded
   * twice"); what arrives is that once-encoded path, so it is dot-normalised and encoded again, exactly as the
   * AWS SDK for Java v2 (V4CanonicalRequest), botocore and the JS v3 signer do. {@code /prod/%40connections/a%3D}
   * becomes {@code /prod/%2540connections/a%253D}.
   */
  static String uri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    if (!rawPath.startsWith("/")) {
      throw new SigV4Refusal("Request path must start with '/'");
    }
    String normalized;
    try {
      // a dummy authority keeps a leading "//" a path; normalize() drops "." and ".." as the SDK does
      normalized = new URI("http://h" + rawPath).normalize().getRawPath();
    } catch (URISyntaxException e) {
      throw new SigV4Refusal("Request path is not a valid URI path");
    }
    if (normalized == null || normalized.isEmpty()) {
      return "/";
    }
    String path = encode(normalized, false);
    // normalising "/a/b/." leaves a trailing slash the client did not sign
    if (path.length() > 1 && path.endsWith("/") && !rawPath.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  /** The canonical query: names and values decoded, re-encoded, sorted by name then value; empty names skipped. */
  static String query(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    Map<String, List<String>> params = new TreeMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!name.isEmpty()) {
        params.computeIfAbsent(encode(name, true), n -> new ArrayList<>()).add(encode(value, true));
      }
    }
    StringBuilder sb = new StringBuilder();
    params.forEach((name, values) -> values.stream().sorted().forEach(v -> {
      sb.append(sb.isEmpty() ? "" : "&").append(name).append('=').append(v);
    }));
    return sb.toString();
  }

  /** {@code name:value\n} for each signed header (names sorted), values trimmed and inner whitespace collapsed. */
  static String headers(List<String> signedHeaders, java.util.function.Function<String, String> header) {
    StringBuilder sb = new StringBuilder();
    for (String name : signedHeaders) {
      String value = header.apply(name);
      if (value == null) {
        throw new SigV4Refusal("Signed header " + name + " is missing from the request");
      }
      sb.append(name).append(':').append(collapse(value)).append('\n');
    }
    return sb.toString();
  }

  // The whitespace set is the one the SDK collapses: space, \t, \n, \u000b, \r, \f.
  private static String collapse(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    boolean pending = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
        pending = !sb.isEmpty();
      } else {
        if (pending) {
          sb.append(' ');
          pending = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** RFC 3986 encoding as SigV4 wants it: every UTF-8 byte but A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex). */
  static String encode(String s, boolean encodeSlash) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
        sb.append(c);
      } else {
        sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return sb.toString();
  }

  // Percent-decoding only: a '+' in a query stays a '+', since SigV4 clients send a space as %20.
  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
        if (lo < 0) {
          throw new SigV4Refusal("Query string has a malformed percent-escape");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        int end = s.indexOf('%', i);
        byte[] bytes = s.substring(i, end < 0 ? s.length() : end).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i = (end < 0 ? s.length() : end) - 1;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
