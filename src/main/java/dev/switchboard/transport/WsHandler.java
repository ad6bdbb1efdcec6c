package dev.switchboard.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

  /**
   * The client's close frame arrived: the close is answered (our close frame, then the TCP close) once the
   * returned stage completes, e.g. when other nodes have seen the connection go; data frames are ignored
   * from now on, and {@link #onClose()} still follows when the socket is gone. {@code code} is the client's
   * close code (1000 when its frame had none). Default: answered at once.
   */
  default CompletionStage<Void> onCloseFrame(int code) {
    return CompletableFuture.completedFuture(null);
  }

  /** The socket is gone; called once. */
  void onClose();
}
