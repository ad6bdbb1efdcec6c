package dev.switchboard.signaling.auth;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The {@code signaling.auth.*} section. Auth is on when a JWKS URL or an HMAC secret is set; then every
 * socket needs a valid token. Empty strings mean "not set".
 *
 * @param jwksUrl where the public keys for RS/PS/ES-signed tokens are fetched (http or https)
 * @param hmacSecret the shared secret for HS-signed tokens (at least 32 bytes, as RFC 7518 §3.2 requires)
 * @param audience when set, the token's {@code aud} must contain it
 * @param issuer when set, the token's {@code iss} must equal it
 * @param topicsClaim when set, the claim that lists the topics a token may subscribe and publish to
 * @param clockSkewSec tolerance for {@code exp} and {@code nbf}
 * @param jwksCacheTtlSec how long fetched keys are used before they are fetched again
 */
public record SignalingAuthConfig(
    String jwksUrl,
    String hmacSecret,
    String audience,
    String issuer,
    String topicsClaim,
    int clockSkewSec,
    int jwksCacheTtlSec) {

  public SignalingAuthConfig {
    if (!jwksUrl.isEmpty()) {
      URI u;
      try {
        u = URI.create(jwksUrl);
      } catch (IllegalArgumentException e) {
        throw ConfigException.invalid("signaling.auth.jwks_url", jwksUrl, "an http or https URL");
      }
      if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
        throw ConfigException.invalid("signaling.auth.jwks_url", jwksUrl, "an http or https URL");
      }
    }
    if (!hmacSecret.isEmpty() && hmacSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
      // the message must not echo the secret
      throw new ConfigException("invalid config signaling.auth.hmac_secret: expected at least 32 bytes");
    }
    if (clockSkewSec < 0 || clockSkewSec > 3_600) {
      throw ConfigException.invalid("signaling.auth.clock_skew_sec", clockSkewSec, "a number from 0 to 3600");
    }
    if (jwksCacheTtlSec < 1 || jwksCacheTtlSec > 86_400) {
      throw ConfigException.invalid("signaling.auth.jwks_cache_ttl_sec", jwksCacheTtlSec, "a number from 1 to 86400");
    }
  }

  public static SignalingAuthConfig from(ConfigTree t) {
    return new SignalingAuthConfig(
        t.string("signaling.auth.jwks_url", "").trim(),
        t.string("signaling.auth.hmac_secret", ""),
        t.string("signaling.auth.audience", "").trim(),
        t.string("signaling.auth.issuer", "").trim(),
        t.string("signaling.auth.topics_claim", "").trim(),
        t.integer("signaling.auth.clock_skew_sec", 60),
        t.integer("signaling.auth.jwks_cache_ttl_sec", 300));
  }

  /** True when sockets must present a token. */
  public boolean enabled() {
    return !jwksUrl.isEmpty() || !hmacSecret.isEmpty();
  }

  @Override
  public String toString() {
    // never print the secret
    return "SignalingAuthConfig[jwksUrl=" + jwksUrl + ", hmacSecret=" + (hmacSecret.isEmpty() ? "" : "***")
        + ", audience=" + audience + ", issuer=" + issuer + ", topicsClaim=" + topicsClaim + "]";
  }
}
