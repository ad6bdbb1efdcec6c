package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The connection id in an {@code @connections} path: decoded once; an id whose escapes are malformed (found by
 * {@code ConnectionsPathFuzzTest}) used to throw out of the route, and is now no id (answered 400).
 */
class ConnectionIdTest {
  @Test
  void anEncodedIdIsDecoded() {
    assertEquals("R0oXAdfD0kwCH6w=", GatewayConnectionsApi.connectionId("/prod/%40connections/R0oXAdfD0kwCH6w%3D"));
    assertEquals("abc", GatewayConnectionsApi.connectionId("/@connections/abc/"));
  }

  @Test
  void anIdWithMalformedEscapesIsNone() {
    GatewayConnectionsApi api = new GatewayConnectionsApi(null, null, null);
    assertTrue(api.matches("/prod/@connections/%zz"), "the route is still this one, so it answers");
    assertNull(GatewayConnectionsApi.connectionId("/prod/@connections/%zz"));
    assertNull(GatewayConnectionsApi.connectionId("/prod/@connections/a%4"));
  }

  @Test
  void otherPathsAreNotConnections() {
    assertNull(GatewayConnectionsApi.connectionId("/prod/connections/abc"));
  }
}
