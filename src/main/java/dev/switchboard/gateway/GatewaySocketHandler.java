package dev.switchboard.gateway;

import dev.switchboard.transport.WsHandler;

/** Frames and events of one gateway socket, handed to the frame handler and the connection; on its loop. */
final class GatewaySocketHandler implements WsHandler {
  private final GatewayConnection c;
  private final GatewayFrameHandler frames;

  GatewaySocketHandler(GatewayConnection c, GatewayFrameHandler frames) {
    this.c = c;
    this.frames = frames;
  }

  @Override
  public void onText(String text) {
    frames.onText(c, text);
  }

  @Override
  public void onBinary(int length) {
    frames.onBinary(c, length);
  }

  @Override
  public void onActivity() {
    c.active(); // a WebSocket ping or pong keeps the socket alive too, not only data frames
  }

  @Override
  public void onClose() {
    c.onClosed();
  }
}
