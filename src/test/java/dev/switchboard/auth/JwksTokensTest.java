package dev.switchboard.auth;

import static dev.switchboard.auth.HmacTokensTest.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens signed with keys from a real key server on a local port, in both document forms: the signature
 * algorithms, the key-type rules, and the key cache (fetches counted, time moved by a fake clock).
 */
class JwksTokensTest {
  private static Vertx vertx;
  private static HttpClient http;
  private static RSAKey rsa;
  private static ECKey ec;
  private static TestCertificates.Entry rsaCert;
  private static TestCertificates.Entry ecCert;

  private KeyServer keys;
  private long nanos = 1_000_000_000L;

  @BeforeAll
  static void setUp(@TempDir Path dir) throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("k-rsa").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("k-ec").generate();
    rsaCert = TestCertificates.generate(dir, "c-rsa", "-keyalg", "RSA", "-keysize", "2048");
    ecCert = TestCertificates.generate(dir, "c-ec", "-keyalg", "EC", "-groupname", "secp256r1");
    vertx = Vertx.vertx();
    http = vertx.createHttpClient();
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void startKeyServer() throws Exception {
    keys = new KeyServer(vertx);
    keys.body = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
  }

  @AfterEach
  void stopKeyServer() throws Exception {
    keys.close();
  }

  private JwtVerifier verifier(String secret, int ttlSec) {
    return new JwtVerifier(new JwtConfig(keys.url(), secret, List.of("aud-1"), "iss-1", 30, ttlSec, true), http,
        () -> nanos);
  }

  private JwtVerifier verifier() {
    return verifier("", 300);
  }

  private void advance(int seconds) {
    nanos += TimeUnit.SECONDS.toNanos(seconds);
  }

  static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static String rs256(String kid) throws Exception {
    return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, kid, claims().build());
  }

  /** Waits for {@code f} to complete (a key fetch completes it on a Vert.x thread). */
  static Future<JWTClaimsSet> settled(Future<JWTClaimsSet> f) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    f.onComplete(ar -> done.complete(null));
    done.get(10, TimeUnit.SECONDS);
    return f;
  }

  private static void accepted(JwtVerifier v, String token) throws Exception {
    Future<JWTClaimsSet> f = settled(v.verify(token));
    assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
  }

  private static AuthException refused(JwtVerifier v, String token) throws Exception {
    Future<JWTClaimsSet> f = settled(v.verify(token));
    assertTrue(f.failed(), "refused");
    return assertInstanceOf(AuthException.class, f.cause());
  }

  @Test
  void rs256Ps256AndEs256TokensFromAJwkSetVerify() throws Exception {
    JwtVerifier v = verifier();
    accepted(v, rs256("k-rsa"));
    accepted(v, sign(new RSASSASigner(rsa), JWSAlgorithm.PS256, "k-rsa", claims().build()));
    accepted(v, sign(new RSASSASigner(rsa), JWSAlgorithm.RS512, null, claims().build()));
    accepted(v, sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "k-ec", claims().build()));
    assertEquals(1, keys.fetches.get(), "one fetch serves them all");
  }

  @Test
  void firebaseCertificateMapsGiveRsaAndEcKeys() throws Exception {
    keys.body = "{\"c-rsa\":" + quote(rsaCert.pem()) + ",\"c-ec\":" + quote(ecCert.pem()) + "}";
    JwtVerifier v = verifier();
    accepted(v, sign(new RSASSASigner(rsaCert.privateKey()), JWSAlgorithm.RS256, "c-rsa", claims().build()));
    accepted(v, sign(new ECDSASigner((ECPrivateKey) ecCert.privateKey()), JWSAlgorithm.ES256, "c-ec",
        claims().build()));
    AuthException e = refused(v, sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "c-rsa", claims().build()));
    assertEquals(AuthException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("signature"), e.getMessage());
  }

  @Test
  void claimsAreCheckedOnKeyUrlTokensToo() throws Exception {
    JwtVerifier v = verifier();
    RSASSASigner s = new RSASSASigner(rsa);
    JWTClaimsSet expired = claims().expirationTime(new Date(System.currentTimeMillis() - 120_000)).build();
    assertEquals(AuthException.Kind.INVALID, refused(v, sign(s, JWSAlgorithm.RS256, "k-rsa", expired)).kind());
    JWTClaimsSet otherAud = claims().audience(List.of("x", "y")).build();
    assertEquals(AuthException.Kind.FORBIDDEN, refused(v, sign(s, JWSAlgorithm.RS256, "k-rsa", otherAud)).kind());
    JWTClaimsSet cognito = claims().audience((String) null).claim("client_id", "aud-1").build();
    accepted(v, sign(s, JWSAlgorithm.RS256, "k-rsa", cognito));
  }

  @Test
  void theRsaPublicKeyUsedAsAnHmacSecretIsRefused() throws Exception {
    // the classic algorithm confusion: HS256 signed with the bytes of the RSA public key the server publishes
    byte[] asJwk = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    byte[] asDer = rsa.toRSAPublicKey().getEncoded();
    for (byte[] secret : List.of(asJwk, asDer)) {
      String confused = sign(new MACSigner(secret), JWSAlgorithm.HS256, "k-rsa", claims().build());
      AuthException withoutSecret = refused(verifier(), confused);
      assertEquals(AuthException.Kind.INVALID, withoutSecret.kind());
      assertTrue(withoutSecret.getMessage().contains("not accepted"), withoutSecret.getMessage());
      AuthException withSecret = refused(verifier(HmacTokensTest.SECRET, 300), confused);
      assertEquals(AuthException.Kind.INVALID, withSecret.kind());
      assertTrue(withSecret.getMessage().contains("signature"), withSecret.getMessage());
    }
  }

  @Test
  void aKeyIsOnlyUsedForItsOwnKeyType() throws Exception {
    // an ES256 header naming the RSA key's id finds no EC key of that id
    ECKey other = new ECKeyGenerator(Curve.P_256).keyID("k-rsa").generate();
    AuthException e = refused(verifier(), sign(new ECDSASigner(other), JWSAlgorithm.ES256, "k-rsa",
        claims().build()));
    assertEquals(AuthException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
  }

  @Test
  void anUnknownKidIsInvalidAndRefetchesAtMostEveryTenSeconds() throws Exception {
    JwtVerifier v = verifier();
    accepted(v, rs256("k-rsa"));
    assertEquals(1, keys.fetches.get());
    AuthException e = refused(v, rs256("k-unknown"));
    assertEquals(AuthException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
    assertEquals(1, keys.fetches.get(), "fetched less than 10 s ago: no refetch");
    advance(11);
    ECKey rotated = new ECKeyGenerator(Curve.P_256).keyID("k-new").generate();
    keys.body = new JWKSet(List.<JWK>of(rsa.toPublicJWK(), rotated.toPublicJWK())).toString();
    accepted(v, sign(new ECDSASigner(rotated), JWSAlgorithm.ES256, "k-new", claims().build()));
    assertEquals(2, keys.fetches.get(), "the new kid was fetched");
    refused(v, rs256("k-unknown"));
    refused(v, rs256("k-unknown-2"));
    assertEquals(2, keys.fetches.get(), "a flood of unknown kids does not become a flood of fetches");
  }

  @Test
  void keysAreCachedForTheKeyServersMaxAge() throws Exception {
    keys.cacheControl = "public, max-age=60, must-revalidate";
    JwtVerifier v = verifier();
    accepted(v, rs256("k-rsa"));
    advance(59);
    accepted(v, rs256("k-rsa"));
    assertEquals(1, keys.fetches.get());
    advance(2);
    accepted(v, rs256("k-rsa"));
    assertEquals(2, keys.fetches.get(), "refetched after max-age");
  }

  @Test
  void maxAgeIsBoundedByTheConfiguredTtlAbove() throws Exception {
    keys.cacheControl = "max-age=3600";
    JwtVerifier v = verifier("", 30);
    accepted(v, rs256("k-rsa"));
    advance(31);
    accepted(v, rs256("k-rsa"));
    assertEquals(2, keys.fetches.get(), "the configured 30 s win over max-age=3600");
  }

  @Test
  void maxAgeIsBoundedByTenSecondsBelow() throws Exception {
    keys.cacheControl = "no-cache, max-age=0";
    JwtVerifier v = verifier();
    accepted(v, rs256("k-rsa"));
    advance(9);
    accepted(v, rs256("k-rsa"));
    assertEquals(1, keys.fetches.get(), "max-age=0 is cached 10 s");
    advance(2);
    accepted(v, rs256("k-rsa"));
    assertEquals(2, keys.fetches.get());
  }

  @Test
  void withoutCacheControlTheConfiguredTtlApplies() throws Exception {
    JwtVerifier v = verifier("", 120);
    accepted(v, rs256("k-rsa"));
    advance(119);
    accepted(v, rs256("k-rsa"));
    assertEquals(1, keys.fetches.get());
    advance(2);
    accepted(v, rs256("k-rsa"));
    assertEquals(2, keys.fetches.get());
  }

  @Test
  void oldKeysSurviveAKeyServerAnswering500ABadDocumentOrGoingDown() throws Exception {
    JwtVerifier v = verifier("", 60);
    accepted(v, rs256("k-rsa"));
    keys.status = 500;
    advance(61);
    accepted(v, rs256("k-rsa"));
    assertEquals(2, keys.fetches.get(), "the refetch was tried and failed");
    keys.status = 200;
    keys.body = "<html>maintenance</html>";
    advance(61);
    accepted(v, rs256("k-rsa"));
    assertEquals(3, keys.fetches.get());
    keys.close();
    advance(61);
    accepted(v, rs256("k-rsa"));
    advance(11);
    assertEquals(AuthException.Kind.INVALID, refused(v, rs256("k-unknown")).kind(), "still only the old keys");
  }

  @Test
  void withNoKeysEverFetchedTokensAreUnavailableAndFetchesAreRateLimited() throws Exception {
    keys.status = 503;
    JwtVerifier v = verifier();
    AuthException e = refused(v, rs256("k-rsa"));
    assertEquals(AuthException.Kind.UNAVAILABLE, e.kind());
    assertEquals(503, e.httpStatus());
    assertEquals(AuthException.Kind.UNAVAILABLE, refused(v, rs256("k-rsa")).kind());
    assertEquals(1, keys.fetches.get(), "fails fast without a fetch for 10 s");
    keys.status = 200;
    advance(11);
    accepted(v, rs256("k-rsa"));
    assertEquals(2, keys.fetches.get());
  }

  @Test
  void prefetchLoadsTheKeysBeforeTheFirstToken() throws Exception {
    JwtVerifier v = verifier();
    v.prefetch();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (keys.fetches.get() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    Future<JWTClaimsSet> f = settled(v.verify(rs256("k-rsa")));
    assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
    assertEquals(1, keys.fetches.get(), "the token shared the prefetch");
  }

  @Test
  void everyRefetchCompletesWhateverThreadAsksForIt() throws Exception {
    // a regression test: a response body read one callback too late was lost and the fetch never completed
    JwtVerifier v = verifier();
    String token = rs256("k-rsa");
    for (int i = 1; i <= 100; i++) {
      accepted(v, token);
      assertEquals(i, keys.fetches.get());
      advance(301);
    }
    Promise<JWTClaimsSet> onLoop = Promise.promise();
    vertx.runOnContext(ignored -> v.verify(token).onComplete(onLoop));
    Future<JWTClaimsSet> f = settled(onLoop.future());
    assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
    assertEquals(101, keys.fetches.get(), "a fetch asked for on an event loop");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\n", "\\n") + "\"";
  }
}
