package dev.switchboard.http;

import dev.switchboard.app.App;
import dev.switchboard.pusher.PusherSignatures;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pusher request signing: HMAC-SHA256 of {@code METHOD\npath\nsorted query} (keys lowercased, values not
 * escaped, auth_signature left out), {@code auth_timestamp} within ±600 s, and {@code body_md5} of the
 * exact body when there is one.
 */
final class ApiAuth {
  static final long MAX_SKEW_SECONDS = 600;
  /** One MD5 per thread: every signed request with a body checks body_md5. */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private ApiAuth() {}

  static void verify(App app, String method, String path, MultiMap params, byte[] body) {
    String key = params.get("auth_key");
    String signature = params.get("auth_signature");
    String ts = params.get("auth_timestamp");
    if (key == null || signature == null || ts == null) {
      throw new ApiException(401, "Missing auth_key, auth_timestamp or auth_signature");
    }
    if (!PusherSignatures.constantTimeEquals(key, app.key())) {
      throw new ApiException(401, "Unknown auth_key");
    }
    long now = System.currentTimeMillis() / 1000;
    long t;
    try {
      t = Long.parseLong(ts);
    } catch (NumberFormatException e) {
      throw new ApiException(401, "auth_timestamp must be a Unix time in seconds");
    }
    if (Math.abs(now - t) > MAX_SKEW_SECONDS) {
      throw new ApiException(401, "auth_timestamp is more than 600 s from the server time");
    }
    if (body.length > 0) {
      String md5 = params.get("body_md5");
      if (md5 == null || !PusherSignatures.constantTimeEquals(md5.toLowerCase(Locale.ROOT), md5Hex(body))) {
        throw new ApiException(401, "body_md5 does not match the request body");
      }
    }
    String expected = PusherSignatures.hmacHex(app.secret(), method + "\n" + path + "\n" + sortedQuery(params));
    if (!PusherSignatures.constantTimeEquals(signature.toLowerCase(Locale.ROOT), expected)) {
      throw new ApiException(401, "Invalid signature: the request was not signed with the app's secret");
    }
  }

  static String sortedQuery(MultiMap params) {
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : params) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      if (!k.equals("auth_signature")) {
        sorted.put(k, e.getValue());
      }
    }
    StringBuilder sb = new StringBuilder();
    sorted.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=').append(v));
    return sb.toString();
  }

  static String md5Hex(byte[] body) {
    return PusherSignatures.hex(MD5.get().digest(body)); // digest() resets it for the next call
  }

  static String md5Hex(String s) {
    return md5Hex(s.getBytes(StandardCharsets.UTF_8));
  }
}
