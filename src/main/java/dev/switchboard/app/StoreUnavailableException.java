package dev.switchboard.app;

/**
 * The app store could not answer (database down, unreachable or too slow), as opposed to an app definition it
 * returned that cannot be used: only this kind opens the cache's circuit and counts as an outage in the log.
 */
public final class StoreUnavailableException extends AppException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
