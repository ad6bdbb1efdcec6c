package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JWT auth on the signaling endpoint: RS256 tokens checked against a JWKS served by a local HTTP server,
 * HS256 tokens against the shared secret, the standard claims, and the topics claim.
 */
class SignalingAuthIT {
  static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
  private static Vertx vertx;
  private static HttpServer jwksServer;
  private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
  private static RSAKey key;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    String jwks = new JWKSet(key.toPublicJWK()).toString();
    vertx = Vertx.vertx();
    jwksServer = vertx.createHttpServer()
        .requestHandler(req -> {
          JWKS_FETCHES.incrementAndGet();
          req.response().putHeader("Content-Type", "application/json").end(jwks);
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":200,
         "signaling":{"max_connections_per_ip_per_second":-1,"auth":{
           "jwks_url":"http://127.0.0.1:%d/.well-known/jwks.json","hmac_secret":"%s",
           "audience":"yjs-app","issuer":"https://issuer.test","topics_claim":"topics"}}}
        """.formatted(jwksServer.actualPort(), SECRET), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer("https://issuer.test")
        .audience("yjs-app")
        .subject("user-1")
        .expirationTime(new Date(System.currentTimeMillis() + 600_000))
        .claim("topics", List.of("doc-1", "team-*"));
  }

  static String rs256(JWTClaimsSet claims) throws Exception {
    return sign(new RSASSASigner(key), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
  }

  static String hs256(JWTClaimsSet claims) throws Exception {
    return sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)),
        new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
  }

  private static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static SignalingClient connect(String token) {
    return SignalingClient.connect(server.port(), "/signaling?token=" + token);
  }

  /** Connects with {@code token} and expects an error frame containing {@code why}, then close 4009. */
  private static void refused(String query, String why) throws Exception {
    try (SignalingClient c = SignalingClient.connect(server.port(), "/signaling" + query)) {
      JsonNode err = c.next("error");
      assertTrue(err.get("message").asText().contains(why), err.toString());
      assertEquals(4009, c.closeCode());
    }
  }

  private static String with(Consumer<JWTClaimsSet.Builder> change) throws Exception {
    JWTClaimsSet.Builder b = claims();
    change.accept(b);
    return rs256(b.build());
  }

  @Test
  void aValidRs256TokenFromTheJwksLetsTheSocketIn() throws Exception {
    try (SignalingClient a = connect(rs256(claims().build()));
        SignalingClient b = connect(rs256(claims().build()))) {
      a.send("{\"type\":\"subscribe\",\"topics\":[\"doc-1\"]}");
      a.assertNothingPending();
      b.send("{\"type\":\"publish\",\"topic\":\"doc-1\",\"hi\":1}");
      assertEquals(1, a.next("publish").get("clients").asInt());
    }
    assertTrue(JWKS_FETCHES.get() <= 2, "keys are cached, fetched " + JWKS_FETCHES.get() + " times");
  }

  @Test
  void aValidHs256TokenWorksAsABearerAuthorizationParameter() throws Exception {
    String token = hs256(claims().build());
    try (SignalingClient c = SignalingClient.connect(server.port(),
        "/signaling/room?authorization=Bearer%20" + token)) {
      c.assertAlive();
    }
  }

  @Test
  void aMissingTokenIsRefused() throws Exception {
    refused("", "missing token");
    refused("?token=", "missing token");
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    refused("?token=" + with(b -> b.expirationTime(new Date(System.currentTimeMillis() - 120_000))), "Expired");
  }

  @Test
  void aTokenWithoutExpiryIsRefused() throws Exception {
    refused("?token=" + with(b -> b.expirationTime(null)), "exp");
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() throws Exception {
    refused("?token=" + with(b -> b.audience("another-app")), "aud");
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() throws Exception {
    refused("?token=" + with(b -> b.issuer("https://evil.test")), "iss");
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
    String forged = sign(new RSASSASigner(other), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        claims().build());
    refused("?token=" + forged, "signature");
    String wrongSecret = sign(new MACSigner("another-secret-that-is-32-bytes-long!!"),
        new JWSHeader(JWSAlgorithm.HS256), claims().build());
    refused("?token=" + wrongSecret, "signature");
  }

  @Test
  void unsignedAndMalformedTokensAreRefused() throws Exception {
    String payload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims().build().toString().getBytes(StandardCharsets.UTF_8));
    refused("?token=eyJhbGciOiJub25lIn0." + payload + ".", "malformed");
    refused("?token=garbage", "malformed");
    refused("?token=a.b.c", "malformed");
  }

  @Test
  void thePublicKeyUsedAsAnHmacSecretIsRefused() throws Exception {
    // the classic algorithm confusion: HS256 signed with the RSA public key's bytes
    byte[] publicKeyAsSecret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    String confused = sign(new MACSigner(publicKeyAsSecret), new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1")
        .build(), claims().build());
    refused("?token=" + confused, "signature");
  }

  @Test
  void aTokenNamingAnUnknownKidIsRefused() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("k-unknown").generate();
    String token = sign(new RSASSASigner(stranger),
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k-unknown").build(), claims().build());
    refused("?token=" + token, "unknown key");
  }

  @Test
  void aValidTokenInAPlaceTheServerDoesNotReadLeavesTheSocketUnauthenticated() throws Exception {
    String token = rs256(claims().build());
    for (String query : new String[] {"?jwt=" + token, "?access_token=" + token, "?auth=" + token}) {
      refused(query, "missing token");
    }
    for (Map<String, String> headers : List.of(Map.of("Cookie", "token=" + token),
        Map.of("X-Authorization", "Bearer " + token), Map.of("Authorization", "Basic " + token))) {
      try (dev.switchboard.RawSocket c = dev.switchboard.RawSocket.connect(server.port(), "/signaling", headers)) {
        JsonNode err = c.received.poll(10, TimeUnit.SECONDS);
        assertTrue(err != null && err.path("type").asText().equals("error"), headers + ": " + err);
        assertTrue(err.get("message").asText().matches(".*(missing|malformed) token.*"), err.toString());
        assertEquals(4009, c.closeCode.get(10, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void theTopicsClaimLimitsSubscribeAndPublish() throws Exception {
    try (SignalingClient c = connect(rs256(claims().build()))) {
      c.send("{\"type\":\"subscribe\",\"topics\":[\"doc-1\",\"team-blue\",\"doc-2\"]}");
      assertTrue(c.next("error").get("message").asText().contains("\"doc-2\""));
      c.send("{\"type\":\"publish\",\"topic\":\"team-blue\"}");
      assertEquals(1, c.next("publish").get("clients").asInt());
      c.send("{\"type\":\"publish\",\"topic\":\"doc-2\"}");
      assertTrue(c.next("error").get("message").asText().contains("Not allowed to publish"));
      c.send("{\"type\":\"publish\",\"topic\":\"doc-1\"}");
      assertEquals(1, c.next("publish").get("clients").asInt());
    }
  }

  @Test
  void aTokenWithoutTheTopicsClaimMayUseNoTopic() throws Exception {
    try (SignalingClient c = connect(with(b -> b.claim("topics", null)))) {
      c.send("{\"type\":\"subscribe\",\"topics\":[\"doc-1\"]}");
      c.next("error");
      c.assertAlive();
    }
  }

  @Test
  void unreachableSigningKeysCloseWith4100SoClientsBackOff() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (TestServer other = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":200,
         "signaling":{"auth":{"jwks_url":"http://127.0.0.1:%d/jwks"}}}
        """.formatted(closedPort), Map.of());
        SignalingClient c = SignalingClient.connect(other.port(), "/signaling?token=" + rs256(claims().build()))) {
      assertTrue(c.next("error").get("message").asText().contains("unavailable"));
      assertEquals(4100, c.closeCode());
    }
  }
}
