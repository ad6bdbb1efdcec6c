package dev.switchboard.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Write side of an app store, kept apart from the hot-path reads of {@link AppStore}: used by
 * {@code switchboard apps ...} and by anything that manages apps. Apps travel as canonical definitions
 * (see {@link AppField#definition}): snake_case field names, only the fields that are stored; an absent
 * field takes the server default when the app is read.
 *
 * <p>Contract: no method blocks the calling thread. Failures are failed futures carrying an {@link
 * AppException} whose message can be shown to a person (duplicate id or key, unknown id, invalid value,
 * store unreachable). Futures may complete on any thread.
 */
public interface AppAdmin {
  /** Every stored app, ordered by id. May read the whole table: an admin call, never on the hot path. */
  Future<List<ObjectNode>> list();

  /** The stored definition of app {@code id}, or empty when there is none. */
  Future<Optional<ObjectNode>> get(String id);

  /**
   * Stores a new app. {@code definition} must hold id, key and secret; fails when the id or the key is
   * already used. Completes with the definition as stored.
   */
  Future<ObjectNode> create(ObjectNode definition);

  /**
   * Changes the given fields of app {@code id} (a JSON null unsets a field); fails when there is no such
   * app or when a new key is used by another app. Completes with the whole definition after the change.
   */
  Future<ObjectNode> update(String id, ObjectNode changes);

  /** Removes app {@code id}; completes with false when there was none. */
  Future<Boolean> delete(String id);
}
