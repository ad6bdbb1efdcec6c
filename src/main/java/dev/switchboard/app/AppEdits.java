package dev.switchboard.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ServerLimits;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The rules every database store applies when an app is created or changed through {@link AppAdmin}, kept in
 * one place so the drivers differ only in how they read and write rows.
 */
public final class AppEdits {
  private AppEdits() {}

  /** The canonical form of {@code changes} to app {@code id}; fails when they would change its id. */
  public static ObjectNode changes(String id, ObjectNode changes) {
    ObjectNode c = AppField.definition(changes);
    if (c.has("id") && !c.get("id").asText().equals(id)) {
      throw new AppException("the id of an app cannot change");
    }
    return c;
  }

  /** {@code found} with {@code changes} applied; a null value removes a field (back to the server default). */
  public static ObjectNode merge(Optional<ObjectNode> found, String id, ObjectNode changes) {
    ObjectNode merged = found.orElseThrow(() -> new AppException("no app with id " + id)).deepCopy();
    changes.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    merged.properties().removeIf(e -> e.getValue().isNull());
    return merged;
  }

  /** Checks that {@code definition} makes a valid app; the error names the table it came from or goes to. */
  public static App parse(ObjectNode definition, ServerLimits limits, String table) {
    try {
      return AppParser.parse(definition, limits);
    } catch (AppException e) {
      throw new AppException("table " + table + ": " + e.getMessage());
    }
  }

  /** Fails when {@code holder} (the app found by {@code key}) is another app than {@code id}. */
  public static Future<Void> keyFree(Future<Optional<ObjectNode>> holder, String key, String id) {
    return holder.compose(other -> other.isPresent() && !other.get().path("id").asText().equals(id)
        ? Future.failedFuture(new AppException("the key " + key + " is used by another app"))
        : Future.succeededFuture());
  }
}
