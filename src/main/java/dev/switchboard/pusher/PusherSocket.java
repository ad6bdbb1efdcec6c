package dev.switchboard.pusher;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.ratelimit.TokenBucket;
import dev.switchboard.transport.WebSocketConnection;
import dev.switchboard.transport.WsSocket;

/** A Pusher-protocol connection: the socket plus the per-socket state the handlers need. */
public final class PusherSocket extends WebSocketConnection {
  private final TokenBucket clientEvents;

  PusherSocket(String socketId, AppRuntime app, WsSocket socket) {
    super(socketId, app, socket);
    this.clientEvents = new TokenBucket(Math.max(0, app.app().maxClientEventsPerSecond()));
  }

  TokenBucket clientEvents() {
    return clientEvents;
  }

  /** Sends {@code e} as pusher:error, and closes with its code when the code range says so. */
  void fail(PusherError e) {
    deliver(PusherMessages.error(e));
    if (e.closes()) {
      close(e.code(), e.message());
    }
  }

  @Override
  protected void sendActivityPing() {
    deliver(PusherMessages.PING);
  }

  @Override
  protected int slowConsumerCode() {
    return PusherError.SLOW_CONSUMER.code();
  }
}
