package dev.switchboard.signaling.auth;

import dev.switchboard.auth.JwtConfig;
import dev.switchboard.config.ConfigTree;

/**
 * The {@code signaling.auth.*} section: the shared JWT settings ({@code jwks_url}, {@code hmac_secret},
 * {@code audience}, {@code issuer}, {@code clock_skew_sec}, {@code jwks_cache_ttl_sec}; see {@link JwtConfig})
 * and the signaling-only claim that lists a token's topics. Auth is on when a JWKS URL or an HMAC secret is
 * set; then every socket needs a valid token.
 *
 * @param jwt how tokens are verified
 * @param topicsClaim when set, the claim that lists the topics a token may subscribe and publish to
 */
public record SignalingAuthConfig(JwtConfig jwt, String topicsClaim) {
  public static final String PREFIX = "signaling.auth";

  public SignalingAuthConfig {
    topicsClaim = topicsClaim == null ? "" : topicsClaim.trim();
  }

  public static SignalingAuthConfig from(ConfigTree t) {
    return new SignalingAuthConfig(JwtConfig.from(t, PREFIX), t.string(PREFIX + ".topics_claim", "").trim());
  }

  /** True when sockets must present a token. */
  public boolean enabled() {
    return jwt.enabled();
  }
}
