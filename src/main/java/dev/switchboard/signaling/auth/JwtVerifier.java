package dev.switchboard.signaling.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a socket's JWT: a signature by the HMAC secret (HS256/384/512) or by a key from the JWKS
 * (RS, PS and ES families; the key type must match the algorithm, so an RSA public key can never be
 * used as an HMAC secret), then {@code exp} (required), {@code nbf}, {@code aud} and {@code iss}.
 * Signature checks are CPU work of microseconds and run on the caller's loop; only a JWKS fetch waits on I/O.
 */
public final class JwtVerifier {
  private final byte[] secret;
  private final JwksKeys jwks;
  private final DefaultJWTClaimsVerifier<SecurityContext> claims;
  private final String topicsClaim;

  public JwtVerifier(SignalingAuthConfig config, HttpClient http) {
    this.secret = config.hmacSecret().isEmpty() ? null : config.hmacSecret().getBytes(StandardCharsets.UTF_8);
    this.jwks = config.jwksUrl().isEmpty() ? null : new JwksKeys(http, config.jwksUrl(), config.jwksCacheTtlSec());
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (!config.issuer().isEmpty()) {
      exact.issuer(config.issuer());
    }
    Set<String> audience = config.audience().isEmpty() ? null : Set.of(config.audience());
    this.claims = new DefaultJWTClaimsVerifier<>(audience, exact.build(), new HashSet<>(Set.of("exp")), null);
    this.claims.setMaxClockSkew(config.clockSkewSec());
    this.topicsClaim = config.topicsClaim().isEmpty() ? null : config.topicsClaim();
  }

  /** Fetches the JWKS ahead of the first socket; a failure is logged and retried on demand. */
  public void prefetch() {
    if (jwks != null) {
      jwks.prefetch();
    }
  }

  /**
   * The topics {@code token} grants, or a failed future with a {@link SignalingAuthException} that says
   * why it is refused. Completes on the caller's thread, or on a Vert.x context after a JWKS fetch.
   */
  public Future<TopicPolicy> verify(String token) {
    if (token == null || token.isBlank()) {
      return refuse("missing token: connect with ?token=<JWT>");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token.trim());
    } catch (ParseException e) {
      return refuse("malformed token: not a signed JWT");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
      if (secret == null) {
        return refuse("algorithm " + alg + " is not accepted");
      }
      try {
        return checked(jwt, List.of(new MACVerifier(secret)));
      } catch (JOSEException e) {
        return refuse("token cannot be checked: " + e.getMessage());
      }
    }
    boolean asymmetric = JWSAlgorithm.Family.RSA.contains(alg) || JWSAlgorithm.Family.EC.contains(alg);
    if (jwks == null || !asymmetric) {
      return refuse("algorithm " + alg + " is not accepted");
    }
    return jwks.candidates(jwt.getHeader().getKeyID(), alg).compose(keys -> {
      if (keys.isEmpty()) {
        return refuse("token signed by an unknown key");
      }
      return checked(jwt, keys.stream().map(JwtVerifier::verifierFor).toList());
    });
  }

  private Future<TopicPolicy> checked(SignedJWT jwt, List<JWSVerifier> verifiers) {
    boolean valid = false;
    for (JWSVerifier v : verifiers) {
      try {
        if (v != null && jwt.verify(v)) {
          valid = true;
          break;
        }
      } catch (JOSEException e) {
        // this key cannot check this token (wrong size or curve): try the next one
      }
    }
    if (!valid) {
      return refuse("invalid token signature");
    }
    try {
      JWTClaimsSet set = jwt.getJWTClaimsSet();
      claims.verify(set, null);
      return Future.succeededFuture(topicsClaim == null ? TopicPolicy.ANY : TopicPolicy.of(set.getClaim(topicsClaim)));
    } catch (BadJWTException e) {
      return refuse(e.getMessage());
    } catch (ParseException e) {
      return refuse("malformed token claims");
    }
  }

  private static JWSVerifier verifierFor(JWK key) {
    try {
      if (key instanceof RSAKey rsa) {
        return new RSASSAVerifier(rsa);
      }
      if (key instanceof ECKey ec) {
        return new ECDSAVerifier(ec);
      }
    } catch (JOSEException e) {
      // an unusable key in the set (e.g. an unsupported curve) is skipped
    }
    return null;
  }

  private static <T> Future<T> refuse(String why) {
    return Future.failedFuture(new SignalingAuthException(why));
  }
}
