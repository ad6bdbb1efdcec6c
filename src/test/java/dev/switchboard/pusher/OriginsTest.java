package dev.switchboard.pusher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginsTest {
  private static boolean ok(String pattern, String origin) {
    return Origins.allowed(List.of(pattern), origin);
  }

  @Test
  void anEmptyListOrAStarAllowsEveryOrigin() {
    assertTrue(Origins.allowed(List.of(), "https://evil.example"));
    assertTrue(Origins.allowed(List.of(), null));
    assertTrue(ok("*", "https://anything.example"));
  }

  @Test
  void aFullOriginMatchesOnlyThatSchemeHostAndPort() {
    assertTrue(ok("https://app.example.com", "https://app.example.com"));
    assertTrue(ok("https://App.Example.com", "https://app.example.com"));
    assertTrue(ok("https://app.example.com", "https://app.example.com:443"));
    assertFalse(ok("https://app.example.com", "http://app.example.com"));
    assertFalse(ok("https://app.example.com", "https://app.example.com:8443"));
    assertFalse(ok("https://app.example.com", "https://app.example.com.evil.net"));
  }

  @Test
  void aHostWithoutSchemeMatchesHttpAndHttps() {
    assertTrue(ok("example.com", "https://example.com"));
    assertTrue(ok("example.com", "http://example.com"));
    assertFalse(ok("example.com", "https://www.example.com"));
    assertFalse(ok("example.com", "https://example.com:8080"));
    assertTrue(ok("localhost:3000", "http://localhost:3000"));
    assertTrue(ok("localhost:3000", "https://localhost:3000"));
    assertFalse(ok("localhost:3000", "http://localhost:3001"));
    assertTrue(ok("localhost:*", "http://localhost:5173"));
  }

  @Test
  void aSubdomainWildcardMatchesSubdomainsButNotTheBareDomainOrLookalikes() {
    assertTrue(ok("*.example.com", "https://app.example.com"));
    assertTrue(ok("*.example.com", "http://a.b.example.com"));
    assertFalse(ok("*.example.com", "https://example.com"));
    assertFalse(ok("*.example.com", "https://evilexample.com"));
    assertFalse(ok("*.example.com", "https://example.com.evil.net"));
    assertTrue(ok("https://*.example.com", "https://app.example.com"));
    assertFalse(ok("https://*.example.com", "http://app.example.com"));
  }

  @Test
  void aMissingOrOpaqueOriginIsRefusedWhenTheListIsNotEmpty() {
    assertFalse(ok("example.com", null));
    assertFalse(ok("example.com", "null"));
    assertFalse(ok("example.com", "example.com"));
  }
}
