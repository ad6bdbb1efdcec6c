package dev.switchboard.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of one {@link JwtVerifier}. Auth is on when a JWKS URL or an HMAC secret is set. Empty strings mean
 * "not set". Validated in the constructor; a {@link ConfigException} names the field ({@code jwks_url}), and
 * {@link #from} puts the section's prefix in front ({@code signaling.auth.jwks_url}).
 *
 * @param jwksUrl where the public keys for RS/PS/ES-signed tokens are fetched (http or https): an RFC 7517
 *     JWK Set, or a JSON object of key id to PEM X.509 certificate (Firebase, Google)
 * @param hmacSecret the shared secret for HS-signed tokens (at least 32 bytes, as RFC 7518 §3.2 requires)
 * @param audiences accepted audiences: the token's {@code aud} (a string or an array) must contain one, or,
 *     when it has no {@code aud}, its {@code client_id} must be one (Cognito access tokens); empty checks
 *     nothing
 * @param issuer when set, the token's {@code iss} must equal it
 * @param clockSkewSec tolerance for {@code exp} and {@code nbf}
 * @param jwksCacheTtlSec the longest time fetched keys are used before they are fetched again (the key
 *     server's {@code Cache-Control: max-age} may shorten it, down to 10 s)
 * @param verifyExpiration when false, {@code exp} is neither required nor checked
 */
public record JwtConfig(
    String jwksUrl,
    String hmacSecret,
    List<String> audiences,
    String issuer,
    int clockSkewSec,
    int jwksCacheTtlSec,
    boolean verifyExpiration) {

  public static final int DEFAULT_CLOCK_SKEW_SEC = 60;
  public static final int DEFAULT_JWKS_CACHE_TTL_SEC = 300;

  public JwtConfig {
    jwksUrl = jwksUrl == null ? "" : jwksUrl.trim();
    hmacSecret = hmacSecret == null ? "" : hmacSecret;
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    issuer = issuer == null ? "" : issuer.trim();
    if (!jwksUrl.isEmpty()) {
      URI u;
      try {
        u = URI.create(jwksUrl);
      } catch (IllegalArgumentException e) {
        throw ConfigException.invalid("jwks_url", jwksUrl, "an http or https URL");
      }
      if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
        throw ConfigException.invalid("jwks_url", jwksUrl, "an http or https URL");
      }
    }
    if (!hmacSecret.isEmpty() && hmacSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
      // the message must not echo the secret
      throw ConfigException.invalid("hmac_secret", "***", "at least 32 bytes");
    }
    for (String a : audiences) {
      if (a == null || a.isBlank()) {
        throw ConfigException.invalid("audiences", audiences, "non-empty strings");
      }
    }
    if (clockSkewSec < 0 || clockSkewSec > 3_600) {
      throw ConfigException.invalid("clock_skew_sec", clockSkewSec, "a number from 0 to 3600");
    }
    if (jwksCacheTtlSec < 1 || jwksCacheTtlSec > 86_400) {
      throw ConfigException.invalid("jwks_cache_ttl_sec", jwksCacheTtlSec, "a number from 1 to 86400");
    }
  }

  /**
   * Reads {@code <prefix>.jwks_url}, {@code .hmac_secret}, {@code .audiences} (a JSON list, or a
   * comma-separated string; {@code .audience} is also read, as one string, and added), {@code .issuer},
   * {@code .clock_skew_sec} (60), {@code .jwks_cache_ttl_sec} (300) and {@code .verify_expiration} (true).
   */
  public static JwtConfig from(ConfigTree t, String prefix) {
    String p = prefix + ".";
    Set<String> audiences = new LinkedHashSet<>(list(t, p + "audiences"));
    String one = t.string(p + "audience", "").trim();
    if (!one.isEmpty()) {
      audiences.add(one);
    }
    String jwksUrl = t.string(p + "jwks_url", "");
    String hmacSecret = t.string(p + "hmac_secret", "");
    String issuer = t.string(p + "issuer", "");
    int clockSkewSec = t.integer(p + "clock_skew_sec", DEFAULT_CLOCK_SKEW_SEC);
    int jwksCacheTtlSec = t.integer(p + "jwks_cache_ttl_sec", DEFAULT_JWKS_CACHE_TTL_SEC);
    boolean verifyExpiration = t.bool(p + "verify_expiration", true);
    try {
      return new JwtConfig(jwksUrl, hmacSecret, new ArrayList<>(audiences), issuer, clockSkewSec, jwksCacheTtlSec,
          verifyExpiration);
    } catch (ConfigException e) {
      throw e.relabel(field -> p + field); // the constructor names the bare field
    }
  }

  private static List<String> list(ConfigTree t, String path) {
    JsonNode n = t.node(path);
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      for (JsonNode e : n) {
        if (!e.isValueNode() || e.isNull()) {
          throw ConfigException.invalid(path, n, "a list of strings");
        }
        out.add(e.asText().trim());
      }
      return out;
    }
    for (String s : t.string(path, "").split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  /** True when tokens are checked: a JWKS URL or an HMAC secret is set. */
  public boolean enabled() {
    return !jwksUrl.isEmpty() || !hmacSecret.isEmpty();
  }

  @Override
  public String toString() {
    // never print the secret
    return "JwtConfig[jwksUrl=" + jwksUrl + ", hmacSecret=" + (hmacSecret.isEmpty() ? "" : "***")
        + ", audiences=" + audiences + ", issuer=" + issuer + ", clockSkewSec=" + clockSkewSec
        + ", jwksCacheTtlSec=" + jwksCacheTtlSec + ", verifyExpiration=" + verifyExpiration + "]";
  }
}
