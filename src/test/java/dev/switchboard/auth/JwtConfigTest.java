package dev.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtConfigTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  private static JwtConfig read(String json) throws Exception {
    return JwtConfig.from(new ConfigTree((ObjectNode) new ObjectMapper().readTree(json)), "gateway.auth");
  }

  private static String errorOf(String json) {
    return assertThrows(ConfigException.class, () -> read(json)).getMessage();
  }

  @Test
  void nothingSetMeansAuthOffWithTheDefaults() throws Exception {
    JwtConfig c = read("{}");
    assertFalse(c.enabled());
    assertEquals(List.of(), c.audiences());
    assertEquals(60, c.clockSkewSec());
    assertEquals(300, c.jwksCacheTtlSec());
    assertTrue(c.verifyExpiration());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    JwtConfig c = read("""
        {"gateway":{"auth":{"jwks_url":"https://id.example.com/jwks.json","hmac_secret":"%s",
          "audiences":["a","b"],"issuer":"iss","clock_skew_sec":5,"jwks_cache_ttl_sec":60,
          "verify_expiration":false}}}""".formatted(SECRET));
    assertEquals("https://id.example.com/jwks.json", c.jwksUrl());
    assertEquals(List.of("a", "b"), c.audiences());
    assertEquals("iss", c.issuer());
    assertEquals(5, c.clockSkewSec());
    assertEquals(60, c.jwksCacheTtlSec());
    assertFalse(c.verifyExpiration());
    assertTrue(c.enabled());
    assertFalse(c.toString().contains(SECRET), "the secret is never printed");
  }

  @Test
  void audiencesComeAsAListACommaSeparatedStringOrOneAudience() throws Exception {
    assertEquals(List.of("a", "b"), read("{\"gateway\":{\"auth\":{\"audiences\":\" a, b ,\"}}}").audiences());
    assertEquals(List.of("a,b"), read("{\"gateway\":{\"auth\":{\"audience\":\"a,b\"}}}").audiences());
    assertEquals(List.of("a", "c"), read("{\"gateway\":{\"auth\":{\"audiences\":[\"a\"],\"audience\":\"c\"}}}")
        .audiences());
  }

  @Test
  void badValuesNameTheKeyWithItsPrefix() {
    assertTrue(errorOf("{\"gateway\":{\"auth\":{\"jwks_url\":\"ftp://x/jwks\"}}}")
        .contains("gateway.auth.jwks_url=ftp://x/jwks"));
    assertTrue(errorOf("{\"gateway\":{\"auth\":{\"clock_skew_sec\":-1}}}").contains("gateway.auth.clock_skew_sec"));
    assertTrue(errorOf("{\"gateway\":{\"auth\":{\"jwks_cache_ttl_sec\":0}}}")
        .contains("gateway.auth.jwks_cache_ttl_sec"));
    assertTrue(errorOf("{\"gateway\":{\"auth\":{\"audiences\":[{}]}}}").contains("gateway.auth.audiences"));
    String secret = errorOf("{\"gateway\":{\"auth\":{\"hmac_secret\":\"short-secret\"}}}");
    assertTrue(secret.contains("gateway.auth.hmac_secret"), secret);
    assertFalse(secret.contains("short-secret"), "the secret is never printed");
  }
}
