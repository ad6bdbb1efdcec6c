package dev.switchboard.testing;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A JDK {@link WebSocket.Listener} that queues every text message it receives (fragments joined) and completes
 * {@link #closed} with the server's close code, or -1 on an error.
 */
public final class QueueingListener implements WebSocket.Listener {
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder text = new StringBuilder();

  /** The text messages received so far, oldest first. */
  public BlockingQueue<String> received() {
    return received;
  }

  /** The close code the server sent, or -1 after an error. */
  public CompletableFuture<Integer> closed() {
    return closed;
  }

  @Override
  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      received.add(text.toString());
      text.setLength(0);
    }
    w.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket w, Throwable error) {
    closed.complete(-1);
  }
}
