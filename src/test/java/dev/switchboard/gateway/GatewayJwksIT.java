package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.TestServer;
import dev.switchboard.auth.KeyServer;
import dev.switchboard.auth.TestCertificates;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway behind a real key server: RS256 and ES256 tokens from an RFC 7517 JWKS, then the same server
 * switched to Firebase's certificate map; tokens the keys do not vouch for are refused at the handshake.
 */
class GatewayJwksIT {
  private static Vertx vertx;
  private static KeyServer keys;
  private static RSAKey rsa;
  private static ECKey ec;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    keys = new KeyServer(vertx);
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    keys.body = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":2,
         "gateway":{"auth":{"jwks_url":"%s","audiences":["chat"],"issuer":"https://issuer.test",
                            "jwks_cache_ttl_sec":1}}}
        """.formatted(keys.url()), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    keys.close();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static JWTClaimsSet.Builder claims(String user) {
    return new JWTClaimsSet.Builder().subject(user).audience("chat").issuer("https://issuer.test")
        .expirationTime(new Date(System.currentTimeMillis() + 600_000));
  }

  private static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims)
      throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static String path(String token) {
    return "/gateway?authorization=" + token;
  }

  @Test
  void rs256AndEs256TokensFromTheJwksConnect() throws Exception {
    String rs = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims("ada").build());
    String es = sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims("bea").build());
    for (String token : List.of(rs, es)) {
      assertAccepted(token);
      try (GatewayClient c = GatewayClient.connect(server.port(), path(token))) {
        assertEquals(16, c.connectionId().length());
      }
    }
  }

  /** Fails with the refusal's status and reason when the handshake is refused, so a failure says why. */
  private static void assertAccepted(String token) throws Exception {
    GatewayClient.Refusal r = GatewayClient.handshake(server.port(), path(token));
    assertEquals(101, r.status(), () -> "refused: " + r.body());
  }

  @Test
  void tokensTheKeysDoNotVouchForAreRefusedAtTheHandshake() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    // HS256 with the RSA public key as the secret: the classic algorithm confusion
    byte[] publicBytes = rsa.toRSAPublicKey().getEncoded();
    String confused = sign(JWSAlgorithm.HS256, "rsa-1", new MACSigner(java.util.Arrays.copyOf(publicBytes, 64)),
        claims("cal").build());
    Map<String, Integer> cases = Map.of(
        sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(stranger), claims("cal").build()), 401,
        sign(JWSAlgorithm.RS256, "unknown-kid", new RSASSASigner(rsa), claims("cal").build()), 401,
        confused, 401,
        "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"sub\":\"cal\",\"aud\":\"chat\"}".getBytes()) + ".", 401,
        sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims("cal").issuer("https://evil.test")
            .build()), 403,
        sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims("cal").audience("billing").build()), 403);
    for (Map.Entry<String, Integer> e : cases.entrySet()) {
      GatewayClient.Refusal r = GatewayClient.refused(server.port(), path(e.getKey()));
      assertEquals(e.getValue(), r.status(), r.body().toString());
    }
  }

  @Test
  void firebaseCertificateMapsAreReadToo() throws Exception {
    Path dir = Files.createTempDirectory("gateway-certs");
    TestCertificates.Entry cert = TestCertificates.generate(dir, "fb-1", "-keyalg", "RSA", "-keysize", "2048");
    // a key server of its own, serving the certificate map before the server's first fetch
    try (KeyServer firebase = new KeyServer(vertx)) {
      firebase.body = GatewayClient.JSON.createObjectNode().put("fb-1", cert.pem()).toString();
      try (TestServer fbServer = TestServer.start("""
          {"host":"127.0.0.1","port":0,"event_loops":1,
           "gateway":{"auth":{"jwks_url":"%s","audiences":["chat"]}}}
          """.formatted(firebase.url()), Map.of())) {
        String token = sign(JWSAlgorithm.RS256, "fb-1", new RSASSASigner((RSAPrivateKey) cert.privateKey()),
            claims("dot").build());
        GatewayClient.Refusal r = GatewayClient.handshake(fbServer.port(), path(token));
        assertEquals(101, r.status(), () -> "refused: " + r.body());
      }
    }
  }
}
