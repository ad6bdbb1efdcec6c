package dev.switchboard.signaling;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.ratelimit.TokenBucket;
import dev.switchboard.signaling.auth.TopicPolicy;
import dev.switchboard.transport.WebSocketConnection;
import dev.switchboard.transport.WsSocket;

/**
 * A y-webrtc signaling connection: the socket, the topics its token grants, and its publish bucket.
 * Touched on its loop only.
 */
final class SignalingSocket extends WebSocketConnection {
  /** Prefix of every signaling topic's core channel; the colon keeps it apart from every Pusher name. */
  static final String CHANNEL_PREFIX = "signaling:";

  private final TopicPolicy grant;
  private final TokenBucket publishes;
  private final SignalingStats stats;

  SignalingSocket(String socketId, AppRuntime app, WsSocket socket, TopicPolicy grant, int maxPublishPerSecond,
      SignalingStats stats) {
    super(socketId, app, socket);
    this.grant = grant;
    this.publishes = new TokenBucket(Math.max(0, maxPublishPerSecond));
    this.stats = stats;
  }

  static String channel(String topic) {
    return CHANNEL_PREFIX + topic;
  }

  TopicPolicy grant() {
    return grant;
  }

  TokenBucket publishes() {
    return publishes;
  }

  /** Sends {@code {type:"error", message}}; the socket stays open. */
  void error(String message) {
    stats.errorSent();
    deliver(SignalingCodec.error(message));
  }

  /** The y-webrtc reference pings at the WebSocket level; browsers answer those without any client code. */
  @Override
  protected void sendActivityPing() {
    socket().ping();
  }

  @Override
  protected int slowConsumerCode() {
    return SignalingError.SLOW_CONSUMER.code();
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
    stats.subscriptionsChanged(-subscriptions().size());
    stats.closed();
    super.onClosed();
  }
}
