package dev.switchboard.core;

/**
 * Counts what one app does on this node, for metrics. Implemented outside core (the metrics package);
 * core, transport and the dialects only call it. Resolved once per app ({@link AppRuntime#meters()}) and
 * once per connection ({@link Connection#meters()}), so hot paths never look anything up. Every method is
 * cheap, never blocks and never throws.
 */
public interface AppMeters {
  /** The counters of this app that only loop {@code index} writes, so they need no atomic operations. */
  LoopMeters forLoop(int index);

  /** A socket of this app was accepted on this node; any thread. */
  void connectionOpened();

  /** A socket of this app that was accepted on this node is gone; any thread. */
  void connectionClosed();

  /** An HTTP API call for this app was answered; body bytes in both directions; any thread. */
  void apiCall(long receivedBytes, long sentBytes);

  /** WebSocket messages received from this app's clients on this node so far (0 when nothing counts). */
  default long messagesReceived() {
    return 0;
  }

  /** WebSocket messages sent to this app's clients on this node so far (0 when nothing counts). */
  default long messagesSent() {
    return 0;
  }

  /** Counts nothing: the server without metrics, and tests. */
  AppMeters NONE = new AppMeters() {
    @Override
    public LoopMeters forLoop(int index) {
      return LoopMeters.NONE;
    }

    @Override
    public void connectionOpened() {}

    @Override
    public void connectionClosed() {}

    @Override
    public void apiCall(long receivedBytes, long sentBytes) {}
  };
}
