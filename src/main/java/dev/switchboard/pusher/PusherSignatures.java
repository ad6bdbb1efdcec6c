package dev.switchboard.pusher;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures as Pusher uses them, compared in constant time. */
public final class PusherSignatures {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PusherSignatures() {}

  public static String hmacHex(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return hex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  public static boolean constantTimeEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Checks a client auth token {@code "<key>:<hex signature of toSign>"} (channel auth:
   * {@code socket_id:channel[:channel_data]}; user auth: {@code socket_id::user::user_data}).
   */
  public static boolean verifyToken(String token, String appKey, String secret, String toSign) {
    if (token == null) {
      return false;
    }
    int colon = token.indexOf(':');
    if (colon < 0 || !constantTimeEquals(token.substring(0, colon), appKey)) {
      return false;
    }
    return constantTimeEquals(token.substring(colon + 1), hmacHex(secret, toSign));
  }
}
