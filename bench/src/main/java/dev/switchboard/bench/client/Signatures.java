package dev.switchboard.bench.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and MD5 hex digests as the Pusher protocol and HTTP API use them. Thread-safe. */
public final class Signatures {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    // Mac and MessageDigest are not thread-safe; event loops and publisher threads sign concurrently
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> digest("MD5"));

    private Signatures() {}

    public static String hmacSha256Hex(String secret, String message) {
        Mac mac = MACS.get().computeIfAbsent(secret, Signatures::newMac);
        return hex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac newMac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String md5Hex(byte[] body) {
        return hex(MD5.get().digest(body));
    }

    /** {@code key:signature} over {@code socket_id:channel} — the auth field of a private subscribe. */
    public static String privateChannelAuth(String key, String secret, String socketId, String channel) {
        return key + ":" + hmacSha256Hex(secret, socketId + ":" + channel);
    }

    /** {@code key:signature} over {@code socket_id:channel:channel_data} — presence subscribe. */
    public static String presenceChannelAuth(String key, String secret, String socketId, String channel,
            String channelData) {
        return key + ":" + hmacSha256Hex(secret, socketId + ":" + channel + ":" + channelData);
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " unavailable", e);
        }
    }
}
