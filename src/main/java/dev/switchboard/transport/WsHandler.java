package dev.switchboard.transport;

/** Frames and events of one WebSocket, delivered on its event loop in order. */
public interface WsHandler {
  /** A complete text message (continuation frames already joined). */
  void onText(String text);

  /** A complete binary message. */
  void onBinary(int length);

  /** A pong, the answer to a WebSocket ping. */
  default void onPong() {}

  /** Any frame arrived (for activity tracking). */
  default void onActivity() {}

  /** The socket is gone; called once. */
  void onClose();
}
