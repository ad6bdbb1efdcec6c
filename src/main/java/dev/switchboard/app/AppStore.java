package dev.switchboard.app;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Read side of an app store: the two lookups on the hot path (every connect and every API request).
 *
 * <p>Contract: both methods never block the calling thread. The future completes with an empty optional
 * when no such app exists, and fails with an {@link AppException} when the store cannot answer (database
 * down); a failed lookup must not be cached as "absent". Futures may complete on any thread; callers that
 * touch connection state hop back to their own event loop.
 */
public interface AppStore {
  Future<Optional<App>> findById(String id);

  Future<Optional<App>> findByKey(String key);

  /** Releases connections and threads; the default does nothing. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
