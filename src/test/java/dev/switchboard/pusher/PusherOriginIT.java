package dev.switchboard.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** allowed_origins at the handshake: Sockudo-style scheme-less hosts and wildcards, checked by a real socket. */
class PusherOriginIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,"app_manager":{"array":{"apps":[
          {"id":"o","key":"o-key","secret":"s","allowed_origins":["example.com","*.trusted.test"]}]}}}
        """, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawSocket connect(String origin) throws Exception {
    return RawSocket.connect(server.port(), "/app/o-key?protocol=7", Map.of("Origin", origin));
  }

  @Test
  void aDisallowedOriginGetsError4009AndIsClosed() throws Exception {
    try (RawSocket s = connect("https://evil.example.net")) {
      assertEquals(4009, s.expect("pusher:error").get("data").get("code").asInt());
      assertEquals(4009, s.closeCode.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aSchemeLessHostAllowsBothHttpAndHttps() throws Exception {
    for (String origin : new String[] {"https://example.com", "http://example.com"}) {
      try (RawSocket s = connect(origin)) {
        assertFalse(s.socketId().isEmpty(), origin);
      }
    }
  }

  @Test
  void aSubdomainWildcardAllowsSubdomainsOnly() throws Exception {
    try (RawSocket s = connect("https://app.trusted.test")) {
      assertFalse(s.socketId().isEmpty());
    }
    try (RawSocket s = connect("https://trusted.test")) {
      assertEquals(4009, s.expect("pusher:error").get("data").get("code").asInt());
    }
  }
}
