package dev.switchboard.http;

/** A request the API refuses: the status code and the message of the JSON error body. */
public final class ApiException extends RuntimeException {
  final int status;
  final int retryAfter;

  public ApiException(int status, String message) {
    this(status, message, 0);
  }

  ApiException(int status, String message, int retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}
