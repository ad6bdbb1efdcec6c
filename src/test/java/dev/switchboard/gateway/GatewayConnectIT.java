package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestServer;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connecting to the gateway as SUMU's browser code does: a JWT in {@code ?authorization=}, refusals as HTTP
 * answers with a reason, SUMU's ping, API Gateway's Forbidden for unknown actions, and its close codes.
 */
class GatewayConnectIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":2,
         "app_manager":{"driver":"memory","array":{"apps":[
           {"id":"app-id","key":"app-key","secret":"app-secret"},
           {"id":"off-id","key":"off-key","secret":"off-secret","enabled":false},
           {"id":"one-id","key":"one-key","secret":"one-secret","max_connections":1}]}},
         "gateway":{"max_message_kb":1,"auth":{"hmac_secret":"%s","audiences":["chat","other"]}}}
        """.formatted(Tokens.SECRET), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String path(String token) {
    return "/gateway?authorization=" + token;
  }

  @Test
  void aValidTokenConnectsAndPingIsAnsweredWithSumusPong() throws Exception {
    try (GatewayClient c = GatewayClient.connect(server.port(), path(Tokens.forUser("alice")))) {
      c.send("{\"action\":\"ping\"}");
      String pong = c.nextText();
      JsonNode p = GatewayClient.JSON.readTree(pong);
      assertEquals("{\"type\":\"pong\",\"statusCode\":200,\"connectionId\":\"" + p.path("connectionId").asText()
          + "\"}", pong);
      assertTrue(p.path("connectionId").asText().matches("[A-Za-z0-9_-]{15}="), pong);
    }
  }

  @Test
  void theTokenMayComeAsBearerInTheQueryOrInTheAuthorizationHeader() throws Exception {
    try (GatewayClient c = GatewayClient.connect(server.port(), path("Bearer%20" + Tokens.forUser("bob")))) {
      assertEquals(16, c.connectionId().length());
    }
    try (GatewayClient c = GatewayClient.connect(server.port(), "/gateway",
        Map.of("Authorization", "Bearer " + Tokens.forUser("bob")))) {
      assertEquals(16, c.connectionId().length());
    }
  }

  @Test
  void connectionIdsAreUniquePerSocket() throws Exception {
    try (GatewayClient a = GatewayClient.connect(server.port(), path(Tokens.forUser("carol")));
        GatewayClient b = GatewayClient.connect(server.port(), path(Tokens.forUser("carol")))) {
      assertNotEquals(a.connectionId(), b.connectionId());
    }
  }

  @Test
  void badTokensAreRefusedWith401AndAReason() throws Exception {
    long past = System.currentTimeMillis() - 3_600_000;
    List<String> bad = List.of("", "not-a-jwt",
        Tokens.forUser("dan", b -> b.expirationTime(new Date(past))),
        Tokens.forUser("dan", b -> b.expirationTime(null)),
        Tokens.forUser("dan", b -> b.notBeforeTime(new Date(System.currentTimeMillis() + 3_600_000))),
        tampered(Tokens.forUser("dan")),
        Tokens.forUser(null));
    for (String token : bad) {
      GatewayClient.Refusal r = GatewayClient.refused(server.port(), path(token));
      assertEquals(401, r.status(), "token " + token + ": " + r.body());
      assertEquals("Unauthorized", r.body().path("message").asText());
      assertTrue(!r.body().path("reason").asText().isEmpty(), r.body().toString());
    }
    assertEquals(401, GatewayClient.refused(server.port(), "/gateway").status());
  }

  private static String tampered(String token) {
    String tail = token.endsWith("AAAA") ? "BBBB" : "AAAA";
    return token.substring(0, token.length() - 4) + tail;
  }

  @Test
  void aTokenForAnotherAudienceIsRefusedWith403() throws Exception {
    GatewayClient.Refusal r = GatewayClient.refused(server.port(),
        path(Tokens.forUser("erin", b -> b.audience(List.of("billing", "admin")))));
    assertEquals(403, r.status(), r.body().toString());
    assertEquals("Forbidden", r.body().path("message").asText());
    try (GatewayClient c = GatewayClient.connect(server.port(),
        path(Tokens.forUser("erin", b -> b.audience(List.of("billing", "other")))))) {
      assertEquals(16, c.connectionId().length());
    }
  }

  @Test
  void appsAreChosenByKeyAndTheirFlagAndQuotaApply() throws Exception {
    String token = Tokens.forUser("fay");
    assertEquals(404, GatewayClient.refused(server.port(), "/gateway/nope?authorization=" + token).status());
    assertEquals(403, GatewayClient.refused(server.port(), "/gateway/off-key?authorization=" + token).status());
    try (GatewayClient one = GatewayClient.connect(server.port(), "/gateway/one-key?authorization=" + token)) {
      one.connectionId();
      GatewayClient.Refusal full = GatewayClient.refused(server.port(), "/gateway/one-key?authorization=" + token);
      assertEquals(429, full.status());
      assertEquals("Too Many Requests", full.body().path("message").asText());
    }
  }

  @Test
  void anUnknownActionGetsApiGatewaysForbiddenAndTheSocketStays() throws Exception {
    try (GatewayClient c = GatewayClient.connect(server.port(), path(Tokens.forUser("gus")))) {
      String id = c.connectionId();
      for (String frame : List.of("{\"action\":\"dance\"}", "not json", "[1,2]", "{\"message\":1}")) {
        c.send(frame);
        JsonNode f = c.next();
        assertEquals("Forbidden", f.path("message").asText());
        assertEquals(id, f.path("connectionId").asText());
        assertTrue(f.path("requestId").asText().length() >= 16, f.toString());
      }
      assertEquals(id, c.connectionId());
    }
  }

  @Test
  void binaryFramesCloseWith1003AndOversizedMessagesWith1009() throws Exception {
    try (GatewayClient c = GatewayClient.connect(server.port(), path(Tokens.forUser("hal")))) {
      c.sendBinary(new byte[] {1, 2, 3});
      assertEquals(1003, c.closeCode(5_000));
    }
    try (GatewayClient c = GatewayClient.connect(server.port(), path(Tokens.forUser("hal")))) {
      c.send("{\"action\":\"send\",\"message\":\"" + "x".repeat(1100) + "\"}");
      assertEquals(1009, c.closeCode(5_000));
    }
  }
}
