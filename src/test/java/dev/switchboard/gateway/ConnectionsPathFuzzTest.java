package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.fuzz.FuzzInput;

/**
 * The {@code @connections/{id}} path of the management API: a path either names a connection id (decoded) or
 * is not this route's; a path this route {@link GatewayConnectionsApi#matches matches} always yields an id.
 */
class ConnectionsPathFuzzTest {
  @FuzzTest
  void connectionPath(byte[] data) {
    String path = FuzzInput.text(data);
    String id = GatewayConnectionsApi.connectionId(path);
    GatewayConnectionsApi api = new GatewayConnectionsApi(null, null, null);
    if (api.matches(path)) {
      assertNotNull(id, "a matched path names a connection");
    } else {
      assertEquals(null, id);
    }
  }
}
