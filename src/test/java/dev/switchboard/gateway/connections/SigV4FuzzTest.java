package dev.switchboard.gateway.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.fuzz.FuzzInput;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code @connections} calls signed with AWS Signature Version 4: whatever the method, path, query, headers
 * and body, {@link SigV4Verifier#verify} answers Valid or Invalid and never throws. An input is the lines
 * method, raw path, raw query, then header lines ({@code name: value}) up to an empty line, then the body.
 */
class SigV4FuzzTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final SigV4Verifier VERIFIER = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC));

  @FuzzTest
  void signedRequest(byte[] data) {
    String[] p = FuzzInput.lines(data, 4);
    Map<String, String> headers = new TreeMap<>();
    String rest = p[3];
    while (!rest.isEmpty()) {
      int nl = rest.indexOf('\n');
      String line = nl < 0 ? rest : rest.substring(0, nl);
      rest = nl < 0 ? "" : rest.substring(nl + 1);
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      String name = (colon < 0 ? line : line.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      headers.merge(name, value, (a, b) -> a + "," + b);
    }
    byte[] body = rest.isEmpty() ? null : rest.getBytes(StandardCharsets.UTF_8);
    SignedRequest r = new SignedRequest(p[0], p[1], p[2].isEmpty() ? null : p[2],
        n -> headers.get(n.toLowerCase(Locale.ROOT)), body);
    SigV4Result result = VERIFIER.verify(r, key -> key.equals("app-key") ? "app-secret" : null);
    assertNotNull(result);
    if (result instanceof SigV4Result.Valid v) {
      assertEquals("app-key", v.accessKeyId(), "only the known key can sign");
    }
  }

  /** The SigV4 parts one by one, as the canonical request builds them from what arrived. */
  @FuzzTest
  void canonicalParts(byte[] data) {
    String[] p = FuzzInput.lines(data, 3);
    for (Runnable part : new Runnable[] {
        () -> SigV4Canonical.uri(p[0]),
        () -> SigV4Canonical.query(p[1]),
        () -> SigV4Authorization.parse(p[2])}) {
      try {
        part.run();
      } catch (SigV4Refusal refused) {
        assertNotNull(refused.getMessage());
      }
    }
  }
}
