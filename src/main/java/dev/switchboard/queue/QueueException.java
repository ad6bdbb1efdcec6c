package dev.switchboard.queue;

/** A queue that cannot be reached or refused an operation; travels as the cause of a failed future. */
public class QueueException extends RuntimeException {
  public QueueException(String message) {
    super(message);
  }

  public QueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
