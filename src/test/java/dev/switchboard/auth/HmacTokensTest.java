package dev.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HMAC tokens need no I/O, so the claim rules are checked here; key URL tokens in {@link JwksTokensTest}. */
class HmacTokensTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  private final JwtVerifier verifier = verifier(List.of("aud-1", "aud-2"), "iss-1", true);

  private static JwtVerifier verifier(List<String> audiences, String issuer, boolean verifyExpiration) {
    return new JwtVerifier(new JwtConfig("", SECRET, audiences, issuer, 30, 300, verifyExpiration), null);
  }

  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().audience("aud-1").issuer("iss-1")
        .expirationTime(new Date(System.currentTimeMillis() + 60_000));
  }

  static String hs(JWSAlgorithm alg, JWTClaimsSet claims, String secret) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static String hs(JWTClaimsSet.Builder claims) throws Exception {
    return hs(JWSAlgorithm.HS256, claims.build(), SECRET);
  }

  static AuthException refusal(Future<?> f) {
    assertTrue(f.failed(), "refused");
    return assertInstanceOf(AuthException.class, f.cause());
  }

  private AuthException refusal(String token) {
    return refusal(verifier.verify(token));
  }

  private static void accepted(Future<JWTClaimsSet> f) {
    assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
  }

  @Test
  void aValidTokenYieldsItsClaims() throws Exception {
    Future<JWTClaimsSet> f = verifier.verify(hs(claims().claim("topics", List.of("room-*"))));
    accepted(f);
    assertEquals(List.of("room-*"), f.result().getClaim("topics"));
  }

  @Test
  void longerHmacVariantsWorkWithALongEnoughSecret() throws Exception {
    String secret64 = SECRET + SECRET;
    JwtVerifier v = new JwtVerifier(new JwtConfig("", secret64, List.of(), "", 0, 300, true), null);
    accepted(v.verify(hs(JWSAlgorithm.HS512, claims().build(), secret64)));
    assertEquals(AuthException.Kind.INVALID, refusal(verifier.verify(hs(JWSAlgorithm.HS512, claims().build(),
        SECRET + SECRET))).kind(), "HS512 needs a 64-byte secret");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsInvalid() throws Exception {
    AuthException e = refusal(hs(JWSAlgorithm.HS256, claims().build(), "another-secret-that-is-32-bytes-long!!"));
    assertEquals(AuthException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("signature"), e.getMessage());
  }

  @Test
  void expiryIsRequiredAndCheckedWithTheClockSkew() throws Exception {
    long now = System.currentTimeMillis();
    accepted(verifier.verify(hs(claims().expirationTime(new Date(now - 10_000)))));
    AuthException expired = refusal(hs(claims().expirationTime(new Date(now - 60_000))));
    assertEquals(AuthException.Kind.INVALID, expired.kind());
    assertTrue(expired.getMessage().contains("Expired"), expired.getMessage());
    AuthException noExp = refusal(hs(claims().expirationTime(null)));
    assertEquals(AuthException.Kind.INVALID, noExp.kind());
    assertTrue(noExp.getMessage().contains("exp"), noExp.getMessage());
  }

  @Test
  void withoutExpirationChecksATokenWithoutExpOrPastItIsAccepted() throws Exception {
    JwtVerifier v = verifier(List.of("aud-1"), "", false);
    accepted(v.verify(hs(claims().expirationTime(null))));
    accepted(v.verify(hs(claims().expirationTime(new Date(System.currentTimeMillis() - 3_600_000)))));
    String early = hs(claims().expirationTime(null).notBeforeTime(new Date(System.currentTimeMillis() + 120_000)));
    assertEquals(AuthException.Kind.INVALID, refusal(v.verify(early)).kind(), "nbf is still checked");
  }

  @Test
  void aTokenNotYetValidIsInvalid() throws Exception {
    long now = System.currentTimeMillis();
    accepted(verifier.verify(hs(claims().notBeforeTime(new Date(now + 10_000)))));
    AuthException e = refusal(hs(claims().notBeforeTime(new Date(now + 120_000))));
    assertEquals(AuthException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("before"), e.getMessage());
  }

  @Test
  void anAudienceStringOrArrayMustNameAnAcceptedAudience() throws Exception {
    accepted(verifier.verify(hs(claims().audience("aud-2"))));
    accepted(verifier.verify(hs(claims().audience(List.of("other", "aud-2")))));
    AuthException asString = refusal(hs(claims().audience("other")));
    assertEquals(AuthException.Kind.FORBIDDEN, asString.kind());
    assertTrue(asString.getMessage().contains("aud"), asString.getMessage());
    assertEquals(AuthException.Kind.FORBIDDEN, refusal(hs(claims().audience(List.of("x", "y")))).kind());
    assertEquals(AuthException.Kind.FORBIDDEN, refusal(hs(claims().audience((String) null))).kind());
  }

  @Test
  void withoutAudTheClientIdIsCheckedInstead() throws Exception {
    accepted(verifier.verify(hs(claims().audience((String) null).claim("client_id", "aud-2"))));
    AuthException e = refusal(hs(claims().audience((String) null).claim("client_id", "another-client")));
    assertEquals(AuthException.Kind.FORBIDDEN, e.kind());
    assertEquals(AuthException.Kind.FORBIDDEN, refusal(hs(claims().audience("other").claim("client_id", "aud-1")))
        .kind(), "client_id does not override an aud that names someone else");
  }

  @Test
  void anEmptyAudienceListChecksNoAudience() throws Exception {
    JwtVerifier v = verifier(List.of(), "", true);
    accepted(v.verify(hs(claims().audience("anyone"))));
    accepted(v.verify(hs(claims().audience((String) null))));
  }

  @Test
  void theIssuerMustMatchWhenSet() throws Exception {
    AuthException e = refusal(hs(claims().issuer("x")));
    assertEquals(AuthException.Kind.FORBIDDEN, e.kind());
    assertTrue(e.getMessage().contains("iss"), e.getMessage());
    assertEquals(AuthException.Kind.FORBIDDEN, refusal(hs(claims().issuer(null))).kind());
    accepted(verifier(List.of(), "", true).verify(hs(claims().issuer("anyone"))));
  }

  @Test
  void noTokenIsInvalid() {
    for (String t : new String[] {null, "", "  "}) {
      AuthException e = refusal(t);
      assertEquals(AuthException.Kind.INVALID, e.kind());
      assertTrue(e.getMessage().contains("missing token"), e.getMessage());
    }
  }

  @Test
  void anUnsignedTokenIsInvalid() throws Exception {
    String header = b64("{\"alg\":\"none\"}");
    AuthException e = refusal(header + "." + b64(claims().build().toString()) + ".");
    assertEquals(AuthException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
  }

  @Test
  void asymmetricTokensNeedAKeyUrl() {
    String token = b64("{\"alg\":\"RS256\"}") + "." + b64(claims().build().toString()) + ".c2ln";
    AuthException e = refusal(token);
    assertEquals(AuthException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("not accepted"), e.getMessage());
  }

  @Test
  void unlistedAlgorithmsAreInvalid() {
    for (String alg : new String[] {"EdDSA", "RS1", "HS1", "foo"}) {
      String token = b64("{\"alg\":\"" + alg + "\"}") + "." + b64(claims().build().toString()) + ".c2ln";
      assertEquals(AuthException.Kind.INVALID, refusal(token).kind(), alg);
    }
  }

  @Test
  void garbageIsInvalidAndNeverThrows() {
    for (String t : new String[] {"x", "a.b", "a.b.c", "....", "eyJhbGciOiJub25lIn0.e30.", "e30.e30.e30",
        b64("{\"alg\":\"HS256\"}") + "." + b64("[1]") + ".c2ln"}) {
      assertEquals(AuthException.Kind.INVALID, refusal(t).kind(), t);
    }
  }

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
