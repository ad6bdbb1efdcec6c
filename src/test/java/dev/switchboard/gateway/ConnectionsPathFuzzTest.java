package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.fuzz.FuzzInput;

/**
 * The {@code @connections/{id}} path of the management API: a path either names a connection id (decoded) or
 * is not this route's, and decoding never throws; a path this route {@link GatewayConnectionsApi#matches
 * matches} yields an id unless its escapes are malformed (then the route answers 400).
 */
class ConnectionsPathFuzzTest {
  @FuzzTest
  void connectionPath(byte[] data) {
    String path = FuzzInput.text(data);
    String id = GatewayConnectionsApi.connectionId(path);
    GatewayConnectionsApi api = new GatewayConnectionsApi(null, null, null);
    if (api.matches(path)) {
      if (id == null) {
        assertTrue(path.contains("%"), "a matched path without escapes names a connection");
      }
    } else {
      assertEquals(null, id);
    }
  }
}
