package dev.switchboard.signaling;

/** {@code {type:"ping"}} → {@code {type:"pong"}}: y-webrtc's application-level keep-alive. */
final class PingHandler {
  private PingHandler() {}

  static void handle(SignalingSocket s) {
    s.deliver(SignalingCodec.PONG);
  }
}
