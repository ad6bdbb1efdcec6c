package dev.switchboard.app.store.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppField;
import dev.switchboard.app.AppParser;
import dev.switchboard.app.AppStore;
import dev.switchboard.config.ServerLimits;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apps from the config file and the environment, held in memory; every call completes immediately.
 * Apps created or changed through {@link AppAdmin} live until the process ends.
 */
public final class MemoryAppStore implements AppStore, AppAdmin {
  private final ServerLimits limits;
  private final Map<String, ObjectNode> definitions = new ConcurrentHashMap<>();
  private final Map<String, App> byId = new ConcurrentHashMap<>();
  private final Map<String, App> byKey = new ConcurrentHashMap<>();

  public MemoryAppStore(List<App> apps) {
    this(apps, ServerLimits.DEFAULTS);
  }

  public MemoryAppStore(List<App> apps, ServerLimits limits) {
    this.limits = limits;
    for (App a : apps) {
      put(AppField.definitionOf(a), a);
    }
  }

  @Override
  public Future<Optional<App>> findById(String id) {
    return Future.succeededFuture(Optional.ofNullable(byId.get(id)));
  }

  @Override
  public Future<Optional<App>> findByKey(String key) {
    return Future.succeededFuture(Optional.ofNullable(byKey.get(key)));
  }

  public List<App> all() {
    return List.copyOf(byId.values());
  }

  @Override
  public Future<List<ObjectNode>> list() {
    return Future.succeededFuture(definitions.values().stream()
        .sorted(Comparator.comparing(d -> d.path("id").asText())).map(ObjectNode::deepCopy).toList());
  }

  @Override
  public Future<Optional<ObjectNode>> get(String id) {
    return Future.succeededFuture(Optional.ofNullable(definitions.get(id)).map(ObjectNode::deepCopy));
  }

  @Override
  public synchronized Future<ObjectNode> create(ObjectNode definition) {
    try {
      ObjectNode d = AppField.definition(definition);
      App app = AppParser.parse(d, limits);
      if (byId.containsKey(app.id())) {
        throw new AppException("an app with id " + app.id() + " already exists");
      }
      if (byKey.containsKey(app.key())) {
        throw new AppException("the key " + app.key() + " is used by another app");
      }
      put(d, app);
      return Future.succeededFuture(d.deepCopy());
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public synchronized Future<ObjectNode> update(String id, ObjectNode changes) {
    try {
      ObjectNode old = definitions.get(id);
      if (old == null) {
        throw new AppException("no app with id " + id);
      }
      ObjectNode d = old.deepCopy();
      d.setAll(AppField.definition(changes));
      d.put("id", id);
      App app = AppParser.parse(d, limits);
      App other = byKey.get(app.key());
      if (other != null && !other.id().equals(id)) {
        throw new AppException("the key " + app.key() + " is used by another app");
      }
      remove(id);
      put(d, app);
      return Future.succeededFuture(d.deepCopy());
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public synchronized Future<Boolean> delete(String id) {
    return Future.succeededFuture(remove(id));
  }

  private void put(ObjectNode d, App app) {
    definitions.put(app.id(), d);
    byId.put(app.id(), app);
    byKey.put(app.key(), app);
  }

  private boolean remove(String id) {
    App old = byId.remove(id);
    definitions.remove(id);
    if (old != null) {
      byKey.remove(old.key());
    }
    return old != null;
  }
}
