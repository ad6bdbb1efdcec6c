package dev.switchboard.app;

/** An app definition that cannot be used, or an app store that cannot answer. */
public class AppException extends RuntimeException {
  public AppException(String message) {
    super(message);
  }

  public AppException(String message, Throwable cause) {
    super(message, cause);
  }
}
