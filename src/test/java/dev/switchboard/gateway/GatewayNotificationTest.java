package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayNotificationTest {
  @Test
  void sumusBodyIsReadWithDataKeptAsWritten() {
    GatewayNotification n = GatewayNotification.parse(
        "{\"users\":[\"a\",2,\"a\"],\"exclude_users\":[\"b\"],\"data\": {\"x\": 1.50, \"s\":\"\\u00e9\"} }");
    assertEquals(List.of("a", "2"), List.copyOf(n.users()));
    assertEquals(Set.of("b"), n.excluded());
    assertEquals("{\"x\": 1.50, \"s\":\"\\u00e9\"}", n.data());
    assertNull(n.appId());
  }

  @Test
  void noUsersOrAnEmptyListIsABroadcastAndScalarDataIsKept() {
    assertTrue(GatewayNotification.parse("{\"data\":\"hi\"}").broadcast());
    assertTrue(GatewayNotification.parse("{\"users\":[],\"data\":null}").broadcast());
    assertEquals("null", GatewayNotification.parse("{\"users\":null,\"data\":null}").data());
    assertEquals("\"hi\"", GatewayNotification.parse("{\"data\":\"hi\"}").data());
  }

  @Test
  void anAppIdInTheBodyIsRead() {
    assertEquals("app-2", GatewayNotification.parse("{\"app_id\":\"app-2\",\"data\":1}").appId());
    assertEquals("7", GatewayNotification.parse("{\"app_id\":7,\"data\":1}").appId());
    assertNull(GatewayNotification.parse("{\"app_id\":{\"x\":1},\"data\":1}").appId());
  }

  @Test
  void malformedBodiesSayWhatIsWrong() {
    for (String bad : List.of("", "nope", "[]", "{}", "{\"users\":\"a\",\"data\":1}",
        "{\"users\":[{\"id\":1}],\"data\":1}", "{\"users\":[\"\"],\"data\":1}", "{\"users\":[1.5],\"data\":1}",
        "{\"exclude_users\":{},\"data\":1}", "{\"data\":1} {}", "{\"data\":", "{\"data\":[1,}")) {
      GatewayNotification.Malformed e = assertThrows(GatewayNotification.Malformed.class,
          () -> GatewayNotification.parse(bad), bad);
      assertTrue(!e.getMessage().isBlank(), bad);
    }
  }
}
