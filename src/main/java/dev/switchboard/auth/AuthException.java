package dev.switchboard.auth;

/**
 * A token that does not let its client in, or that cannot be checked right now. The message is safe to show
 * to the client: it says what is wrong with the token, never anything about the keys. Stackless: it is raised
 * per connection attempt.
 */
public final class AuthException extends RuntimeException {
  /** Why the token was not accepted; each kind maps to one HTTP status of an upgrade refusal. */
  public enum Kind {
    /** No token, malformed, bad signature, unknown key, expired, not yet valid, missing exp: HTTP 401. */
    INVALID,
    /** A valid signature, but the audience or issuer is not accepted: HTTP 403. */
    FORBIDDEN,
    /** The signing keys cannot be fetched: transient, the client should retry later; HTTP 503. */
    UNAVAILABLE
  }

  private final Kind kind;

  public AuthException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of an upgrade refused for this reason: 401, 403 or 503. */
  public int httpStatus() {
    return switch (kind) {
      case INVALID -> 401;
      case FORBIDDEN -> 403;
      case UNAVAILABLE -> 503;
    };
  }
}
