package dev.switchboard.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.List;

/**
 * The claim checks after a valid signature (RFC 7519 §4.1): {@code exp} required and not past, unless
 * expiration is not verified; {@code nbf} not in the future; both with the clock skew. Those refusals are
 * {@link AuthException.Kind#INVALID}. Then {@code aud} and {@code iss}, whose refusals are
 * {@link AuthException.Kind#FORBIDDEN}: the token is genuine but not meant for us. The messages keep the
 * wording of nimbus' {@code DefaultJWTClaimsVerifier} that clients and docs already quote.
 */
final class JwtClaimsRules {
  private final List<String> audiences;
  private final String issuer;
  private final long skewMs;
  private final boolean verifyExpiration;

  JwtClaimsRules(JwtConfig config) {
    this.audiences = config.audiences();
    this.issuer = config.issuer().isEmpty() ? null : config.issuer();
    this.skewMs = config.clockSkewSec() * 1000L;
    this.verifyExpiration = config.verifyExpiration();
  }

  /** Why {@code claims} are refused, or null when they are accepted. */
  AuthException check(JWTClaimsSet claims) {
    long now = System.currentTimeMillis();
    Date exp = claims.getExpirationTime();
    if (verifyExpiration) {
      if (exp == null) {
        return invalid("JWT missing required claims: [exp]");
      }
      if (now - skewMs > exp.getTime()) {
        return invalid("Expired JWT");
      }
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now + skewMs < nbf.getTime()) {
      return invalid("JWT before use time");
    }
    if (!audiences.isEmpty() && !audienceAccepted(claims)) {
      return forbidden(claims.getClaim("aud") == null && claims.getClaim("client_id") == null
          ? "JWT missing required audience" : "JWT aud claim rejected");
    }
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
      return forbidden("JWT iss claim rejected");
    }
    return null;
  }

  /**
   * {@code aud} (a string or an array) names an accepted audience; a token without {@code aud} is judged by
   * its {@code client_id} instead, as AWS Cognito access tokens carry no {@code aud}.
   */
  private boolean audienceAccepted(JWTClaimsSet claims) {
    if (claims.getClaim("aud") != null) {
      for (String a : claims.getAudience()) {
        if (audiences.contains(a)) {
          return true;
        }
      }
      return false;
    }
    return claims.getClaim("client_id") instanceof String clientId && audiences.contains(clientId);
  }

  private static AuthException invalid(String why) {
    return new AuthException(AuthException.Kind.INVALID, why);
  }

  private static AuthException forbidden(String why) {
    return new AuthException(AuthException.Kind.FORBIDDEN, why);
  }
}
