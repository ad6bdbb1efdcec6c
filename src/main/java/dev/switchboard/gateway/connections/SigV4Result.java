package dev.switchboard.gateway.connections;

/** The outcome of {@link SigV4Verifier#verify}: who signed the request, or why it is refused. */
public sealed interface SigV4Result {
  /** The signature is good; {@code accessKeyId} (an app key) signed the request with its secret. */
  record Valid(String accessKeyId) implements SigV4Result {}

  /** Refused; {@code message} says why and is safe to show the caller (it never contains a secret). */
  record Invalid(String message) implements SigV4Result {}
}
