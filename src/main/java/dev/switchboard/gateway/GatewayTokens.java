package dev.switchboard.gateway;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchboard.auth.AuthException;
import dev.switchboard.auth.BearerTokens;
import dev.switchboard.auth.JwtVerifier;
import dev.switchboard.transport.UpgradeRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

/**
 * The user of a gateway upgrade, from its token: SUMU's {@code ?authorization=<JWT>} (a {@code Bearer }
 * prefix allowed, percent-encoded or not) or an {@code Authorization: Bearer} header. Without
 * {@code gateway.auth} every socket is anonymous, as on an API Gateway stage without an authorizer.
 */
final class GatewayTokens {
  private final JwtVerifier verifier;
  private final String userClaim;

  GatewayTokens(Vertx vertx, GatewayConfig config) {
    this.userClaim = config.userClaim();
    if (config.auth().enabled()) {
      this.verifier = new JwtVerifier(config.auth(),
          vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000)));
      verifier.prefetch();
    } else {
      this.verifier = null;
    }
  }

  boolean enabled() {
    return verifier != null;
  }

  /**
   * The user id the request's token names; null when auth is off. Fails with an {@link AuthException} when
   * the token is missing, invalid, not for us, or cannot be checked now.
   */
  Future<String> user(UpgradeRequest r) {
    if (verifier == null) {
      return Future.succeededFuture(null);
    }
    String token;
    try {
      String uri = r.query() == null ? r.path() : r.path() + "?" + r.query();
      token = BearerTokens.from(uri, r.header().apply("Authorization"), "authorization");
    } catch (RuntimeException e) {
      return Future.failedFuture(new AuthException(AuthException.Kind.INVALID, "malformed token"));
    }
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new AuthException(AuthException.Kind.INVALID,
          "missing token: connect with ?authorization=<JWT>"));
    }
    return verifier.verify(token).compose(this::userOf);
  }

  private Future<String> userOf(JWTClaimsSet claims) {
    Object v = claims.getClaim(userClaim);
    String user = v instanceof String s ? s : v instanceof Number n ? n.toString() : null;
    if (user == null || user.isEmpty()) {
      return Future.failedFuture(new AuthException(AuthException.Kind.INVALID,
          "the token has no " + userClaim + " claim"));
    }
    return Future.succeededFuture(user);
  }
}
