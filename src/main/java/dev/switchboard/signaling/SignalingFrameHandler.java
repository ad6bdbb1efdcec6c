package dev.switchboard.signaling;

/**
 * Takes one client frame, checks its size, decodes it and routes it to its handler. A frame larger than
 * {@code signaling.max_message_kb} closes the socket with 1009; anything else malformed gets an error
 * frame and the socket stays open. Nothing a socket sends can affect another socket. A frame beyond what
 * the HTTP server reads at all (4 x websocket_max_payload_kb) never gets here: the transport's decoder
 * closes the socket with 1009 itself.
 */
final class SignalingFrameHandler {
  private final SignalingContext ctx;

  SignalingFrameHandler(SignalingContext ctx) {
    this.ctx = ctx;
  }

  void onText(SignalingSocket s, String text) {
    int bytes = s.countReceived(text);
    s.touch();
    ctx.stats().received();
    if (s.isClosed() || s.closing()) {
      return;
    }
    if (bytes > ctx.config().maxMessageBytes()) {
      tooBig(s);
      return;
    }
    SignalingMessage m;
    try {
      m = SignalingCodec.decode(text);
    } catch (SignalingException e) {
      s.error(e.getMessage());
      return;
    }
    switch (m) {
      case SignalingMessage.Subscribe sub -> SubscribeHandler.handle(ctx, s, sub.topics());
      case SignalingMessage.Unsubscribe unsub -> UnsubscribeHandler.handle(ctx, s, unsub.topics());
      case SignalingMessage.Publish pub -> PublishHandler.handle(ctx, s, pub);
      case SignalingMessage.Ping ping -> PingHandler.handle(s);
      case SignalingMessage.Ignored ignored -> { /* the reference ignores these too */ }
    }
  }

  void onBinary(SignalingSocket s, int length) {
    s.countReceived(length);
    s.touch();
    ctx.stats().received();
    if (s.isClosed() || s.closing()) {
      return;
    }
    if (length > ctx.config().maxMessageBytes()) {
      tooBig(s);
      return;
    }
    s.error("Binary frames are not supported; send JSON text.");
  }

  private void tooBig(SignalingSocket s) {
    ctx.stats().tooBig();
    s.close(SignalingError.MESSAGE_TOO_BIG.code(),
        "Message larger than " + ctx.config().maxMessageBytes() / 1024 + " KB");
  }
}
