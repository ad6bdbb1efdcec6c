package dev.switchboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.App;
import dev.switchboard.app.AppParser;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.pusher.PusherSignatures;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiAuthTest {
  private final App app = AppParser.parse(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
      .put("id", "3").put("key", "278d425bdf160c739803").put("secret", "7ad3773142a6692b25b8"), ServerLimits.DEFAULTS);

  private MultiMap signed(String body, long ts) {
    MultiMap p = MultiMap.caseInsensitiveMultiMap()
        .add("auth_key", app.key()).add("auth_timestamp", Long.toString(ts)).add("auth_version", "1.0")
        .add("body_md5", ApiAuth.md5Hex(body));
    String sig = PusherSignatures.hmacHex(app.secret(), "POST\n/apps/3/events\n" + ApiAuth.sortedQuery(p));
    return p.add("auth_signature", sig);
  }

  @Test
  void aCorrectlySignedRequestPasses() {
    String body = "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}";
    ApiAuth.verify(app, "POST", "/apps/3/events", signed(body, now()), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theQueryIsSortedAndLowercasedButNotEscaped() {
    MultiMap p = MultiMap.caseInsensitiveMultiMap().add("b", "2").add("A", "x y").add("auth_signature", "zzz");
    assertEquals("a=x y&b=2", ApiAuth.sortedQuery(p));
  }

  @Test
  void aTamperedBodyIsRefusedWith401() {
    String body = "{\"name\":\"foo\"}";
    ApiException e = assertThrows(ApiException.class, () -> ApiAuth.verify(app, "POST", "/apps/3/events",
        signed(body, now()), "{\"name\":\"bar\"}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(401, e.status);
  }

  @Test
  void aStaleTimestampIsRefusedWith401() {
    String body = "{}";
    ApiException e = assertThrows(ApiException.class, () -> ApiAuth.verify(app, "POST", "/apps/3/events",
        signed(body, now() - 601), body.getBytes(StandardCharsets.UTF_8)));
    assertEquals(401, e.status);
  }

  @Test
  void secretsAreComparedInConstantTimeOnly() throws Exception {
    // a timing-safe compare cannot be observed from a test, so its use is checked where it is written
    java.nio.file.Path main = java.nio.file.Path.of("src/main/java/dev/switchboard");
    String auth = java.nio.file.Files.readString(main.resolve("http/ApiAuth.java"));
    String signatures = java.nio.file.Files.readString(main.resolve("pusher/PusherSignatures.java"));
    String sigV4 = java.nio.file.Files.readString(main.resolve("gateway/connections/SigV4Verifier.java"));
    assertEquals(3, auth.split("PusherSignatures\\.constantTimeEquals\\(", -1).length - 1,
        "auth_key, body_md5 and auth_signature each go through constantTimeEquals");
    java.util.List<String> plainEquals = auth.lines().filter(l -> l.contains(".equals(")).toList();
    assertEquals(java.util.List.of("      if (!k.equals(\"auth_signature\")) {"), plainEquals,
        "the only plain equals in ApiAuth compares a parameter name, never a secret");
    String body = signatures.substring(signatures.indexOf("public static boolean constantTimeEquals"));
    body = body.substring(0, body.indexOf("\n  }\n"));
    assertTrue(body.contains("MessageDigest.isEqual("), body);
    assertTrue(sigV4.contains("MessageDigest.isEqual("), "SigV4 signatures are compared in constant time");
    assertTrue(PusherSignatures.constantTimeEquals("abc", "abc"));
    assertTrue(!PusherSignatures.constantTimeEquals("abc", "abd") && !PusherSignatures.constantTimeEquals("abc", "ab")
        && !PusherSignatures.constantTimeEquals(null, "a"));
  }

  @Test
  void aTimestampJustInsideTheWindowPassesAndOneJustPastItsFutureEdgeDoesNot() {
    String body = "{}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ApiAuth.verify(app, "POST", "/apps/3/events", signed(body, now() - ApiAuth.MAX_SKEW_SECONDS + 5), bytes);
    ApiException e = assertThrows(ApiException.class, () -> ApiAuth.verify(app, "POST", "/apps/3/events",
        signed(body, now() + ApiAuth.MAX_SKEW_SECONDS + 2), bytes));
    assertEquals(401, e.status);
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
