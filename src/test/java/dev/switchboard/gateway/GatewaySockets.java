package dev.switchboard.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway sockets a test class opened, so each test can close its own before the next one starts (a
 * broadcast reaches every open socket).
 */
final class GatewaySockets {
  private final List<GatewayClient> open = new ArrayList<>();

  /** A socket of {@code user} on the server at {@code port}, open and answering before it is returned. */
  GatewayClient connect(int port, String user) throws Exception {
    GatewayClient c = GatewayClient.connect(port, "/gateway?authorization=" + Tokens.forUser(user));
    c.connectionId(); // open and answering before the notification is sent
    open.add(c);
    return c;
  }

  /** Closes every socket opened so far and waits for each close to be answered. */
  void closeAll() throws Exception {
    for (GatewayClient c : open) {
      c.close();
      c.closed.get(5, TimeUnit.SECONDS);
    }
    open.clear();
  }
}
