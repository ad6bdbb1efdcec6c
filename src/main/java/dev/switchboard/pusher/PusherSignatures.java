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
  /**
   * One HMAC per thread, keyed with the secret it last used: every API request and private subscribe
   * signs, and a provider lookup plus key setup per call costs more than the hash itself.
   */
  private static final ThreadLocal<KeyedMac> MAC = ThreadLocal.withInitial(KeyedMac::new);

  private PusherSignatures() {}

  public static String hmacHex(String secret, String message) {
    return hmacHex(secret, message.getBytes(StandardCharsets.UTF_8));
  }

  /** HMAC-SHA256 of exactly {@code message} (e.g. a webhook body as sent), as lower-case hex. */
  public static String hmacHex(String secret, byte[] message) {
    return hex(MAC.get().sign(secret, message));
  }

  private static final class KeyedMac {
    private final Mac mac;
    private String secret;

    KeyedMac() {
      try {
        mac = Mac.getInstance("HmacSHA256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    }

    byte[] sign(String secret, byte[] message) {
      if (!secret.equals(this.secret)) {
        try {
          mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (InvalidKeyException e) {
          throw new IllegalArgumentException("unusable secret for HmacSHA256", e);
        }
        this.secret = secret;
      }
      return mac.doFinal(message); // doFinal leaves the Mac reset, keyed, for the next call
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
