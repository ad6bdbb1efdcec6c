package dev.switchboard.gateway.connections;

/**
 * Why a request is refused, raised inside the verifier and turned into {@link SigV4Result.Invalid} before it
 * leaves; stackless because a bad request is ordinary input, not a bug.
 */
final class SigV4Refusal extends RuntimeException {
  SigV4Refusal(String message) {
    super(message, null, false, false);
  }
}
