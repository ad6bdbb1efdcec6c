package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientLimitsTest {
  private static ClientLimits load(String json, Map<String, String> env) throws Exception {
    Path f = Files.createTempFile("cfg", ".json");
    Files.writeString(f, json);
    try {
      return ConfigLoader.load(f, env).clientLimits();
    } finally {
      Files.delete(f);
    }
  }

  @Test
  void theDefaultsCutSlowHeadsButLeaveConnectionsPerAddressUnlimited() {
    ClientLimits c = ConfigLoader.load(null, Map.of()).clientLimits();
    assertEquals(10_000, c.requestHeadTimeoutMs());
    assertEquals(64, c.maxPendingRequestsPerIp());
    assertEquals(-1, c.maxConnectionsPerIp());
    assertEquals(-1, c.maxConnectionsPerIpPerSecond());
    assertEquals("", c.ipHeader());
  }

  @Test
  void everyKeyIsReadFromTheFileAndFromItsSwitchboardVariable() throws Exception {
    ClientLimits f = load("""
        {"http":{"request_head_timeout_ms":2500,"max_pending_requests_per_ip":8},"max_connections_per_ip":20,
         "max_connections_per_ip_per_second":5,"ip_header":"X-Forwarded-For"}""", Map.of());
    assertEquals(new ClientLimits(2500, 8, 20, 5, "X-Forwarded-For"), f);
    ClientLimits e = load("{}", Map.of("SWITCHBOARD_HTTP_REQUEST_HEAD_TIMEOUT_MS", "0",
        "SWITCHBOARD_HTTP_MAX_PENDING_REQUESTS_PER_IP", "-1", "SWITCHBOARD_MAX_CONNECTIONS_PER_IP", "3",
        "SWITCHBOARD_MAX_CONNECTIONS_PER_IP_PER_SECOND", "7", "SWITCHBOARD_IP_HEADER", "X-Real-IP"));
    assertEquals(new ClientLimits(0, -1, 3, 7, "X-Real-IP"), e);
  }

  @Test
  void badValuesNameTheirKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("{\"max_connections_per_ip\":0}", Map.of()));
    assertTrue(e.getMessage().startsWith("invalid config max_connections_per_ip=0"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("{}", Map.of("SWITCHBOARD_HTTP_REQUEST_HEAD_TIMEOUT_MS", "50")));
    assertTrue(e.getMessage().contains("SWITCHBOARD_HTTP_REQUEST_HEAD_TIMEOUT_MS=50"), e.getMessage());
  }
}
