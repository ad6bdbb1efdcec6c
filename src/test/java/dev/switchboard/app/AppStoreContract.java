package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ServerLimits;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every app store keeps, read side ({@link AppStore}) and write side ({@link AppAdmin}). The
 * memory driver runs it as a unit test, the database drivers as integration tests. Each test uses fresh ids,
 * so a shared database needs no cleaning between runs.
 */
public abstract class AppStoreContract {
  protected static final ObjectMapper JSON = new ObjectMapper();

  protected abstract AppStore store();

  protected abstract AppAdmin admin();

  /** False for a store whose size columns hold whole KB only (Cassandra: Sockudo's int columns). */
  protected boolean storesFractionalSizes() {
    return true;
  }

  protected static <T> T await(Future<T> f) {
    try {
      return f.await(20, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private ObjectNode created(String id, String key, String extra) {
    return await(admin().create(json("{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"secret\":\"s-" + id + "\""
        + extra + "}")));
  }

  @Test
  void createdAppIsFoundByIdAndByKeyWithItsSettings() {
    String id = unique("id");
    String key = unique("key");
    created(id, key, ",\"max_connections\":7,\"enable_client_messages\":true,"
        + "\"webhooks\":[{\"url\":\"http://127.0.0.1:1/hook\",\"event_types\":[\"channel_occupied\"]}],"
        + "\"allowed_origins\":[\"https://*.example.com\"]");
    App byId = await(store().findById(id)).orElseThrow();
    App byKey = await(store().findByKey(key)).orElseThrow();
    assertEquals(byId, byKey);
    assertEquals("s-" + id, byId.secret());
    assertEquals(7, byId.maxConnections());
    assertTrue(byId.enableClientMessages());
    assertTrue(byId.enabled());
    assertEquals("http://127.0.0.1:1/hook", byId.webhooks().get(0).path("url").asText());
    assertEquals(List.of("https://*.example.com"), byId.allowedOrigins());
  }

  @Test
  void unsetLimitsTakeTheServerDefaults() {
    String id = unique("id");
    created(id, unique("key"), "");
    App app = await(store().findById(id)).orElseThrow();
    assertEquals(ServerLimits.DEFAULTS.maxEventBatchSize(), app.maxEventBatchSize());
    assertEquals(ServerLimits.DEFAULTS.maxPresenceMembersPerChannel(), app.maxPresenceMembersPerChannel());
    assertEquals(-1, app.maxConnections());
    assertFalse(app.enableClientMessages());
  }

  @Test
  void fractionalSizeLimitsInKbAreKeptToTheByte() {
    org.junit.jupiter.api.Assumptions.assumeTrue(storesFractionalSizes());
    String id = unique("id");
    created(id, unique("key"), ",\"max_presence_member_size_in_kb\":0.25,\"max_event_payload_in_kb\":\"1.5\"");
    App app = await(store().findById(id)).orElseThrow();
    assertEquals(256, app.maxPresenceMemberBytes());
    assertEquals(1536, app.maxEventPayloadBytes());
    ObjectNode stored = await(admin().get(id)).orElseThrow();
    assertEquals(0.25, stored.get("max_presence_member_size_in_kb").asDouble());
    assertEquals(1.5, stored.get("max_event_payload_in_kb").asDouble());
    await(admin().update(id, json("{\"max_event_payload_in_kb\":2}")));
    assertEquals(2048, await(store().findById(id)).orElseThrow().maxEventPayloadBytes());
  }

  @Test
  void unknownIdAndKeyAreEmptyNotFailures() {
    assertEquals(Optional.empty(), await(store().findById(unique("nope"))));
    assertEquals(Optional.empty(), await(store().findByKey(unique("nope"))));
  }

  @Test
  void updateChangesOnlyTheGivenFieldsAndCanMoveTheKey() {
    String id = unique("id");
    String newKey = unique("key2");
    created(id, unique("key"), ",\"max_connections\":3");
    ObjectNode after = await(admin().update(id, json("{\"key\":\"" + newKey + "\",\"enabled\":false}")));
    assertEquals(newKey, after.path("key").asText());
    App app = await(store().findByKey(newKey)).orElseThrow();
    assertFalse(app.enabled());
    assertEquals(3, app.maxConnections());
    await(admin().update(id, json("{\"max_connections\":null}")));
    assertEquals(-1, await(store().findById(id)).orElseThrow().maxConnections());
  }

  @Test
  void duplicateIdsAndKeysAreRefused() {
    String id = unique("id");
    String key = unique("key");
    created(id, key, "");
    AppException sameId = assertThrows(AppException.class, () -> created(id, unique("key"), ""));
    assertTrue(sameId.getMessage().contains("already exists"), sameId.getMessage());
    AppException sameKey = assertThrows(AppException.class, () -> created(unique("id"), key, ""));
    assertTrue(sameKey.getMessage().contains("used by another app"), sameKey.getMessage());
  }

  @Test
  void updatingAnUnknownAppFails() {
    AppException e = assertThrows(AppException.class, () -> await(admin().update(unique("nope"),
        json("{\"enabled\":false}"))));
    assertTrue(e.getMessage().contains("no app with id"), e.getMessage());
  }

  @Test
  void deleteRemovesTheAppAndReportsWhetherItExisted() {
    String id = unique("id");
    String key = unique("key");
    created(id, key, "");
    assertTrue(await(admin().delete(id)));
    assertFalse(await(admin().delete(id)));
    assertEquals(Optional.empty(), await(store().findById(id)));
    assertEquals(Optional.empty(), await(store().findByKey(key)));
  }

  @Test
  void listAndGetReturnStoredDefinitions() {
    String id = unique("id");
    created(id, unique("key"), ",\"max_event_batch_size\":4");
    ObjectNode d = await(admin().get(id)).orElseThrow();
    assertEquals(4, d.path("max_event_batch_size").asInt());
    assertFalse(d.has("max_connections"), "unset fields stay unset: " + d);
    List<ObjectNode> all = await(admin().list());
    assertTrue(all.stream().anyMatch(a -> a.path("id").asText().equals(id)));
  }

  @Test
  void invalidDefinitionsAreRefusedWithAClearError() {
    AppException e = assertThrows(AppException.class, () -> created(unique("id"), unique("key"),
        ",\"max_connections\":\"lots\""));
    assertTrue(e.getMessage().contains("max_connections"), e.getMessage());
  }
}
