package dev.switchboard.http;

/** A request the API refuses: the status code and the message of the JSON error body. */
final class ApiException extends RuntimeException {
  final int status;
  final int retryAfter;

  ApiException(int status, String message) {
    this(status, message, 0);
  }

  ApiException(int status, String message, int retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}
