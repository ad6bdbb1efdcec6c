package dev.switchboard.console;

/** A console API call refused with an HTTP status and a message a person can read. Stackless. */
final class ConsoleException extends RuntimeException {
  final int status;

  ConsoleException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }
}
