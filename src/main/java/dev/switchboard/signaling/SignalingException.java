package dev.switchboard.signaling;

/**
 * A client message the dialect refuses; its text goes back in a {@code {type:"error"}} frame and the
 * socket stays open. Raised per message, so it carries no stack trace.
 */
final class SignalingException extends RuntimeException {
  SignalingException(String message) {
    super(message, null, false, false);
  }
}
