package dev.switchboard.signaling.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HMAC tokens need no I/O, so the claim rules are checked here; JWKS tokens in SignalingAuthIT. */
class JwtVerifierTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private final JwtVerifier verifier = new JwtVerifier(
      new SignalingAuthConfig("", SECRET, "aud-1", "iss-1", "topics", 30, 300), null);

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().audience("aud-1").issuer("iss-1")
        .expirationTime(new Date(System.currentTimeMillis() + 60_000)).claim("topics", List.of("room-*"));
  }

  private static String hs(JWSAlgorithm alg, JWTClaimsSet claims, String secret) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private String refusal(String token) {
    Future<TopicPolicy> f = verifier.verify(token);
    assertTrue(f.failed(), "refused");
    return assertInstanceOf(SignalingAuthException.class, f.cause()).getMessage();
  }

  @Test
  void aValidTokenGrantsItsTopics() throws Exception {
    Future<TopicPolicy> f = verifier.verify(hs(JWSAlgorithm.HS256, claims().build(), SECRET));
    assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
    assertTrue(f.result().allows("room-7"));
    assertFalse(f.result().allows("other"));
  }

  @Test
  void longerHmacVariantsWorkWithALongEnoughSecret() throws Exception {
    String secret64 = SECRET + SECRET;
    JwtVerifier v = new JwtVerifier(new SignalingAuthConfig("", secret64, "", "", "", 0, 300), null);
    assertTrue(v.verify(hs(JWSAlgorithm.HS512, claims().build(), secret64)).succeeded());
  }

  @Test
  void expiryIsRequiredAndCheckedWithTheClockSkew() throws Exception {
    long now = System.currentTimeMillis();
    assertTrue(verifier.verify(hs(JWSAlgorithm.HS256, claims().expirationTime(new Date(now - 10_000)).build(),
        SECRET)).succeeded(), "10 s late is within the 30 s skew");
    assertTrue(refusal(hs(JWSAlgorithm.HS256, claims().expirationTime(new Date(now - 60_000)).build(), SECRET))
        .contains("Expired"));
    assertTrue(refusal(hs(JWSAlgorithm.HS256, claims().expirationTime(null).build(), SECRET)).contains("exp"));
  }

  @Test
  void aTokenNotYetValidIsRefused() throws Exception {
    String t = hs(JWSAlgorithm.HS256, claims().notBeforeTime(new Date(System.currentTimeMillis() + 120_000)).build(),
        SECRET);
    assertTrue(refusal(t).contains("before"));
  }

  @Test
  void audienceAndIssuerMustMatch() throws Exception {
    assertTrue(refusal(hs(JWSAlgorithm.HS256, claims().audience("x").build(), SECRET)).contains("aud"));
    assertTrue(refusal(hs(JWSAlgorithm.HS256, claims().audience((String) null).build(), SECRET)).contains("aud"));
    assertTrue(refusal(hs(JWSAlgorithm.HS256, claims().issuer("x").build(), SECRET)).contains("iss"));
  }

  @Test
  void asymmetricTokensNeedAJwksUrl() throws Exception {
    String header = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String body = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims().build().toString().getBytes(StandardCharsets.UTF_8));
    assertTrue(refusal(header + "." + body + ".c2ln").contains("not accepted"));
  }

  @Test
  void garbageNeverThrows() {
    for (String t : new String[] {null, "", " ", "x", "a.b", "a.b.c", "....", "eyJhbGciOiJub25lIn0.e30."}) {
      assertTrue(verifier.verify(t).failed(), String.valueOf(t));
    }
  }
}
