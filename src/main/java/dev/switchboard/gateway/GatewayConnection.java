package dev.switchboard.gateway;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.transport.WebSocketConnection;
import dev.switchboard.transport.WsSocket;

/**
 * One gateway socket: its API-Gateway-style connection id (the core's socket id), the user its token named
 * (null for anonymous sockets), and what {@code GetConnection} reports about it. Touched on its loop, except
 * the volatile times, which the management API reads from any thread.
 */
final class GatewayConnection extends WebSocketConnection {
  private final String userId;
  private final long connectedAtMillis;
  private final String sourceIp;
  private final String userAgent;
  private final GatewayStats stats;
  private final int timeoutCloseCode;
  private final GatewayRegistry registry;
  private volatile long lastActiveAtMillis;

  GatewayConnection(String connectionId, AppRuntime app, WsSocket socket, String userId, String sourceIp,
      GatewayStats stats, int timeoutCloseCode, GatewayRegistry registry) {
    super(connectionId, app, socket);
    this.userId = userId;
    this.connectedAtMillis = System.currentTimeMillis();
    this.lastActiveAtMillis = connectedAtMillis;
    this.sourceIp = sourceIp;
    this.userAgent = socket.header("User-Agent");
    this.stats = stats;
    this.timeoutCloseCode = timeoutCloseCode;
    this.registry = registry;
  }

  String connectionId() {
    return socketId();
  }

  /** The user named by the token, or null on an anonymous socket. */
  String user() {
    return userId;
  }

  long connectedAtMillis() {
    return connectedAtMillis;
  }

  long lastActiveAtMillis() {
    return lastActiveAtMillis;
  }

  String sourceIp() {
    return sourceIp;
  }

  /** The upgrade's User-Agent, or null. */
  String userAgent() {
    return userAgent;
  }

  /** A frame arrived from the client. */
  void active() {
    touch();
    lastActiveAtMillis = System.currentTimeMillis();
  }

  /**
   * API Gateway closes a socket after its idle timeout without a probe: no message in that time, no
   * socket. The activity wheel calls this once the silence has lasted that long.
   */
  @Override
  protected void sendActivityPing() {
    stats.expired();
    close(timeoutCloseCode, "Going away");
  }

  @Override
  protected int slowConsumerCode() {
    return 1008; // policy violation: API Gateway has no code of its own for a reader that cannot keep up
  }

  @Override
  protected void onSlowConsumer() {
    stats.slowConsumer();
  }

  /** Topics (signaling) and the presence roster (gateway) must not count a peer that never answers a close. */
  @Override
  protected boolean leavesBeforeClosing() {
    return true;
  }

  @Override
  public void onClosed() {
    if (isClosed()) {
      return;
    }
    stats.closed();
    registry.remove(this);
    super.onClosed();
  }
}
