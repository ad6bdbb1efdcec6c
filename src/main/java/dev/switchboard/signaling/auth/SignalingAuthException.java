package dev.switchboard.signaling.auth;

/**
 * A token that does not let its socket in. The message is safe to show to the client: it says what is
 * wrong with the token, never anything about the keys.
 */
public final class SignalingAuthException extends RuntimeException {
  /** True when the server could not check the token (keys unavailable): the client should retry later. */
  private final boolean transientFailure;

  public SignalingAuthException(String message) {
    this(message, false);
  }

  public SignalingAuthException(String message, boolean transientFailure) {
    super(message, null, false, false);
    this.transientFailure = transientFailure;
  }

  public boolean transientFailure() {
    return transientFailure;
  }
}
