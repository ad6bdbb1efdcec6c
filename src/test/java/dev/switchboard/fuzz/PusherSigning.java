package dev.switchboard.fuzz;

import dev.switchboard.pusher.PusherSignatures;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs HTTP API requests as the Pusher server libraries do (auth_key, auth_timestamp, auth_version, body_md5,
 * then auth_signature over {@code METHOD\npath\nsorted query}), so fuzzed bodies and queries get past the
 * signature to the code that reads them. Written from the protocol description, not from the server's code.
 */
public final class PusherSigning {
  private PusherSigning() {}

  /**
   * The signed URI for {@code path} with the extra raw query {@code extra} (may be empty); null when
   * {@code extra} is not a decodable query, which a fuzz input then sends unsigned.
   */
  public static String signedUri(String method, String path, String extra, byte[] body, String key, String secret) {
    QueryStringEncoder q = new QueryStringEncoder(path);
    Map<String, String> sorted = new TreeMap<>();
    try {
      for (Map.Entry<String, List<String>> e : new QueryStringDecoder(extra, false).parameters().entrySet()) {
        for (String v : e.getValue()) {
          q.addParam(e.getKey(), v);
          sorted.put(e.getKey().toLowerCase(Locale.ROOT), v);
        }
      }
    } catch (IllegalArgumentException undecodable) {
      return null;
    }
    String[][] auth = {{"auth_key", key}, {"auth_timestamp", Long.toString(System.currentTimeMillis() / 1000)},
        {"auth_version", "1.0"}, {"body_md5", body.length == 0 ? null : md5Hex(body)}};
    for (String[] kv : auth) {
      if (kv[1] != null) {
        q.addParam(kv[0], kv[1]);
        sorted.put(kv[0], kv[1]);
      }
    }
    sorted.remove("auth_signature");
    StringBuilder toSign = new StringBuilder(method).append('\n').append(path).append('\n');
    sorted.forEach((k, v) -> toSign.append(toSign.charAt(toSign.length() - 1) == '\n' ? "" : "&")
        .append(k).append('=').append(v));
    q.addParam("auth_signature", PusherSignatures.hmacHex(secret, toSign.toString()));
    return q.toString();
  }

  private static String md5Hex(byte[] body) {
    try {
      return PusherSignatures.hex(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
