package dev.switchboard.pusher;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.ratelimit.TokenBucket;
import dev.switchboard.transport.WebSocketConnection;
import dev.switchboard.transport.WsSocket;

/** A Pusher-protocol connection: the socket plus the per-socket state the handlers need. */
public final class PusherSocket extends WebSocketConnection {
  /** Made on the first client event: most sockets never send one, and a full bucket is the same thing. */
  private TokenBucket clientEvents;
  /** The pending sign-in deadline (apps with user authentication), cancelled on sign-in or close. */
  private java.util.concurrent.Future<?> signinDeadline;

  PusherSocket(String socketId, AppRuntime app, WsSocket socket) {
    super(socketId, app, socket);
  }

  TokenBucket clientEvents() {
    if (clientEvents == null) {
      clientEvents = new TokenBucket(Math.max(0, app().app().maxClientEventsPerSecond()));
    }
    return clientEvents;
  }

  void signinDeadline(java.util.concurrent.Future<?> deadline) {
    this.signinDeadline = deadline;
  }

  /** Drops the sign-in deadline so a signed-in or closed socket holds no timer; on its loop. */
  void cancelSigninDeadline() {
    if (signinDeadline != null) {
      signinDeadline.cancel(false);
      signinDeadline = null;
    }
  }

  /** Sends {@code e} as pusher:error, and closes with its code when the code range says so. */
  void fail(PusherError e) {
    app().tap().error(socketId(), null, e.code(), e.message());
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
