package dev.switchboard.bench.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens (RFC 7519) for the gateway scenarios: a compact header, the given claims, an
 * HMAC-SHA256 signature, all base64url without padding. One instance keeps one {@link Mac}: not thread-safe.
 * The scenarios sign every token before the timed part, so the generator never measures its own signing.
 */
public final class Jwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private final Mac mac;

    public Jwt(String secret) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A token over exactly {@code claimsJson} (the caller's JSON, not re-serialised). */
    public String sign(String claimsJson) {
        String signingInput = HEADER + "." + B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        byte[] sig = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(sig);
    }

    /** {@code {"sub":..,"iat":..,"exp":..}} for user {@code sub} (letters, digits, {@code -_.} only). */
    public static String claims(String sub, long iatEpochSeconds, long expEpochSeconds) {
        if (!sub.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("bench user ids are plain: " + sub);
        }
        return "{\"sub\":\"" + sub + "\",\"iat\":" + iatEpochSeconds + ",\"exp\":" + expEpochSeconds + "}";
    }
}
