package dev.switchboard.auth;

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
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Checks a JWT: the signature, then the claims ({@link JwtClaimsRules}). Algorithms are an allow-list:
 * HS256/384/512 only with the HMAC secret; RS256/384/512 and PS256/384/512 only with an RSA key and
 * ES256/384/512 only with an EC key of the matching curve, from the key URL. So {@code alg: none} is
 * refused, and an RSA public key can never be used as an HMAC secret. Signature checks are CPU work of
 * microseconds and run on the caller's thread; only a key fetch waits on I/O, never blocking an event loop.
 */
public final class JwtVerifier {
  private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
  private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private final byte[] secret;
  private final JwksKeys jwks;
  private final JwtClaimsRules rules;

  /**
   * @param http the client for the key URL; unused (may be null) when {@code config} has no JWKS URL
   */
  public JwtVerifier(JwtConfig config, HttpClient http) {
    this(config, http, System::nanoTime);
  }

  /** With a clock for the key cache, so tests can move time. */
  JwtVerifier(JwtConfig config, HttpClient http, LongSupplier nanoClock) {
    this.secret = config.hmacSecret().isEmpty() ? null : config.hmacSecret().getBytes(StandardCharsets.UTF_8);
    this.jwks = config.jwksUrl().isEmpty() ? null
        : new JwksKeys(Objects.requireNonNull(http, "http"), config.jwksUrl(), config.jwksCacheTtlSec(), nanoClock);
    this.rules = new JwtClaimsRules(config);
  }

  /** Fetches the keys ahead of the first client; a failure is logged and retried on demand. */
  public void prefetch() {
    if (jwks != null) {
      jwks.prefetch();
    }
  }

  /**
   * The verified claims of {@code token}, or a failed future with an {@link AuthException} that says why it
   * is refused. Completes on the caller's thread, or on a Vert.x context after a key fetch. Never throws.
   */
  public Future<JWTClaimsSet> verify(String token) {
    try {
      return check(token);
    } catch (RuntimeException e) {
      // a token that trips the JWT library is refused like any other bad token
      return refuse("malformed token");
    }
  }

  private Future<JWTClaimsSet> check(String token) {
    if (token == null || token.isBlank()) {
      return refuse("missing token");
    }
    SignedJWT jwt;
    try {
      // a token with alg none is a PlainJWT and fails to parse here
      jwt = SignedJWT.parse(token.trim());
    } catch (ParseException e) {
      return refuse("malformed token: not a signed JWT");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (HMAC.contains(alg) && secret != null) {
      try {
        return checked(jwt, List.of(new MACVerifier(secret)));
      } catch (JOSEException e) {
        return refuse("token cannot be checked: " + e.getMessage());
      }
    }
    if (!ASYMMETRIC.contains(alg) || jwks == null) {
      return refuse("algorithm " + alg + " is not accepted");
    }
    return jwks.candidates(jwt.getHeader().getKeyID(), alg).compose(keys -> {
      if (keys.isEmpty()) {
        return refuse("token signed by an unknown key");
      }
      return checked(jwt, keys.stream().map(JwtVerifier::verifierFor).toList());
    });
  }

  private Future<JWTClaimsSet> checked(SignedJWT jwt, List<JWSVerifier> verifiers) {
    boolean valid = false;
    for (JWSVerifier v : verifiers) {
      try {
        if (v != null && jwt.verify(v)) {
          valid = true;
          break;
        }
      } catch (JOSEException e) {
        // this key cannot check this token (wrong size or curve, or a short secret): try the next one
      }
    }
    if (!valid) {
      return refuse("invalid token signature");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return refuse("malformed token claims");
    }
    AuthException refused = rules.check(claims);
    return refused == null ? Future.succeededFuture(claims) : Future.failedFuture(refused);
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
    return Future.failedFuture(new AuthException(AuthException.Kind.INVALID, why));
  }
}
