package dev.switchboard.transport;

import io.vertx.core.Future;

/**
 * One WebSocket dialect (Pusher, gateway, signaling): the upgrade paths it serves, whether it admits an
 * upgrade, what it does with an admitted socket, and how it drains. The router asks each dialect in turn
 * and gives a path to the first that matches, so a dialect that matches every path goes last.
 */
public interface Dialect {
  /** True when this dialect serves WebSocket upgrades at {@code path} (the server's path prefix removed). */
  boolean matches(String path);

  /**
   * Decides an upgrade before the 101 is sent, so a refusal is an HTTP answer (status and JSON body), never
   * an accepted socket that is then closed. May complete later (a token checked against a key server): the
   * transport stops reading from the connection meanwhile. Completes on any thread; must not block. A
   * dialect that reserves something here (a connection quota) gets it back through the admission's
   * {@link Admission#release()} when the socket never opens.
   */
  Future<Admission> admit(UpgradeRequest request);

  /** Attaches an admitted socket (its {@link Admission#ticket()} comes along); on the socket's loop. */
  void accept(WsSocket socket, String path, Admission admitted);

  /** Refuses new sockets from now on and tells open ones to reconnect elsewhere. */
  void drain();
}
