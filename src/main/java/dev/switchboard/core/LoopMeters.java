package dev.switchboard.core;

/**
 * One app's counters on one event loop. Every method is called on that loop only (the connection's loop,
 * or the loop task of a broadcast), which is why an implementation can count with plain increments; a
 * reader on another thread sums the loops. Never blocks, never throws.
 */
public interface LoopMeters {
  /** One frame of {@code payloadBytes} was written to a socket. */
  void frameSent(int payloadBytes);

  /** One frame of {@code payloadBytes} arrived from a client. */
  void frameReceived(int payloadBytes);

  /** One frame was not written because the socket's outbound buffer was full or it was closing. */
  void frameDropped();

  /** A socket was closed because it could not keep up with what it was sent. */
  void slowConsumerClosed();

  /**
   * A broadcast's loop task finished writing its frames; {@code publishedNanos} is the {@link
   * System#nanoTime()} at which the event reached the server (API request or client frame). Called once
   * per loop task, not per recipient.
   */
  void broadcastWritten(long publishedNanos);

  /** Counts nothing. */
  LoopMeters NONE = new LoopMeters() {
    @Override
    public void frameSent(int payloadBytes) {}

    @Override
    public void frameReceived(int payloadBytes) {}

    @Override
    public void frameDropped() {}

    @Override
    public void slowConsumerClosed() {}

    @Override
    public void broadcastWritten(long publishedNanos) {}
  };
}
