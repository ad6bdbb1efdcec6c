package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppField;
import dev.switchboard.app.AppSecrets;
import dev.switchboard.app.AppStore;
import dev.switchboard.app.StoreUnavailableException;
import dev.switchboard.http.HttpApi;
import io.vertx.core.Future;

/**
 * App management for the admin, with the operations and checks of {@code switchboard apps}: definitions are
 * validated by {@link AppField#definition}, missing ids, keys and secrets are filled in by {@link AppSecrets},
 * and the memory store refuses writes (its apps live in the config file). Rotating a secret is an update with a
 * new random secret. Answers carry the stored definition, secret included: only the admin gets here.
 */
final class ConsoleAppAdmin {
  private final AppAdmin admin;
  private final boolean writable;

  ConsoleAppAdmin(AppStore apps, String driver) {
    this.admin = apps instanceof AppAdmin a ? a : null;
    this.writable = admin != null && AppSecrets.writableDriver(driver);
  }

  boolean writable() {
    return writable;
  }

  Future<HttpApi.Answer> get(String id) {
    return guard(false, () -> admin.get(id).map(d -> answer(d.orElseThrow(
        () -> new ConsoleException(404, "No app with id " + id)))));
  }

  Future<HttpApi.Answer> create(byte[] body) {
    return guard(true, () -> admin.create(AppSecrets.fillIn(definition(body), null)).map(ConsoleAppAdmin::answer));
  }

  Future<HttpApi.Answer> update(String id, byte[] body) {
    return guard(true, () -> admin.update(id, definition(body)).map(ConsoleAppAdmin::answer));
  }

  Future<HttpApi.Answer> rotateSecret(String id) {
    ObjectNode change = ConsoleLog.JSON.createObjectNode().put("secret", AppSecrets.random());
    return guard(true, () -> admin.update(id, change).map(ConsoleAppAdmin::answer));
  }

  Future<HttpApi.Answer> delete(String id) {
    return guard(true, () -> admin.delete(id).map(gone -> {
      if (!gone) {
        throw new ConsoleException(404, "No app with id " + id);
      }
      return new HttpApi.Answer(200, "{\"deleted\":true}");
    }));
  }

  private Future<HttpApi.Answer> guard(boolean writes, java.util.function.Supplier<Future<HttpApi.Answer>> op) {
    if (admin == null || writes && !writable) {
      return Future.failedFuture(new ConsoleException(409,
          "The memory app store is read-only here: edit app_manager.array.apps in the config file"));
    }
    try {
      // a store's refusal (duplicate id or key, unknown id, invalid value) is shown to the person as it is
      return op.get().recover(err -> Future.failedFuture(err instanceof StoreUnavailableException e
          ? new ConsoleException(503, e.getMessage())
          : err instanceof AppException e ? new ConsoleException(400, e.getMessage()) : err));
    } catch (AppException e) {
      return Future.failedFuture(new ConsoleException(400, e.getMessage()));
    }
  }

  private static ObjectNode definition(byte[] body) {
    JsonNode n;
    try {
      n = ConsoleLog.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new ConsoleException(400, "The body must be a JSON object");
    }
    return AppField.definition(n);
  }

  private static HttpApi.Answer answer(ObjectNode definition) {
    return new HttpApi.Answer(200, definition.toString());
  }
}
