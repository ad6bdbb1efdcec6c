package dev.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchboard.fuzz.FuzzInput;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens and key documents from outside. {@link JwtVerifier#verify} never throws and completes at once on the
 * HMAC path, with the claims or an {@link AuthException}; {@link JwksDocument#parse} gives a key set or a
 * {@link ParseException}. The signed variant signs whatever header and claims text the fuzzer wrote with the
 * configured secret, so the header, claims and their rules are reached, not only the signature check.
 */
class JwtFuzzTest {
  private static final String SECRET = "fuzzing-secret-of-at-least-32-bytes!";
  private static final JwtVerifier VERIFIER = new JwtVerifier(
      new JwtConfig("", SECRET, List.of("aud-1", "aud-2"), "https://issuer.example", 60, 300, true), null);

  /** The whole input is the token, as a client sends it (query parameter or bearer header). */
  @FuzzTest
  void rawToken(byte[] data) {
    String token = FuzzInput.text(data);
    check(token, token);
  }

  /** Lines: the header JSON, then the claims JSON; signed HS256 with the configured secret. */
  @FuzzTest
  void signedToken(byte[] data) {
    String[] p = FuzzInput.lines(data, 2);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString(p[0].getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(p[1].getBytes(StandardCharsets.UTF_8));
    check(signingInput + "." + b64.encodeToString(hmac(signingInput)), p[0] + p[1]);
  }

  /** {@code written}: the text the client wrote, which a refusal may quote (e.g. an unknown alg). */
  private static void check(String token, String written) {
    Future<JWTClaimsSet> f = VERIFIER.verify(token);
    assertTrue(f.isComplete(), "the HMAC path answers at once");
    if (f.failed()) {
      AuthException refused = assertInstanceOf(AuthException.class, f.cause());
      assertNotNull(refused.getMessage());
      assertFalse(refused.getMessage().contains(SECRET) && !written.contains(SECRET),
          "a refusal never shows the secret");
    } else {
      assertNotNull(f.result());
    }
  }

  /** A key document as a key URL serves it: an RFC 7517 JWK Set or a map of key id to PEM certificate. */
  @FuzzTest
  void jwksDocument(byte[] data) {
    JWKSet set;
    try {
      set = JwksDocument.parse(FuzzInput.text(data));
    } catch (ParseException refused) {
      return;
    }
    for (JWK k : set.getKeys()) {
      assertNotNull(k.getKeyType(), "every key has a type, which the verifier matches to the token's alg");
    }
  }

  /** The key server's Cache-Control header: any text gives a cache time within the configured bounds. */
  @FuzzTest
  void cacheControl(byte[] data) {
    JwksKeys keys = new JwksKeys(null, "https://keys.example/jwks.json", 300, System::nanoTime);
    long ttl = keys.ttlNanos(FuzzInput.text(data));
    assertTrue(ttl > 0 && ttl <= 300_000_000_000L, "between the minimum and the configured TTL: " + ttl);
  }

  private static byte[] hmac(String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
