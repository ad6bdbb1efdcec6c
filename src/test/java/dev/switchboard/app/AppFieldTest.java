package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Canonical app definitions from every peer's spelling. */
class AppFieldTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void soketiColumnAndAttributeNamesMapToOurFields() {
    assertEquals(AppField.MAX_BACKEND_EVENTS_PER_SECOND, AppField.of("max_backend_events_per_sec").orElseThrow());
    assertEquals(AppField.MAX_READ_REQUESTS_PER_SECOND, AppField.of("max_read_req_per_sec").orElseThrow());
    assertEquals(AppField.ID, AppField.of("AppId").orElseThrow());
    assertEquals(AppField.MAX_EVENT_CHANNELS_AT_ONCE, AppField.of("MaxEventChannelsAtOnce").orElseThrow());
    assertEquals(AppField.ENABLE_CLIENT_MESSAGES, AppField.of("enable-client-messages").orElseThrow());
    assertEquals("MaxPresenceMemberSizeInKb", AppField.MAX_PRESENCE_MEMBER_SIZE_IN_KB.pascal());
  }

  @Test
  void definitionsAreTypedAndInFieldOrder() throws Exception {
    ObjectNode in = JSON.createObjectNode().put("Webhooks", "[{\"url\":\"http://h\"}]").put("AppKey", "k")
        .put("AppId", 7).put("EnableClientMessages", "false").put("MaxConnections", "10").put("AppSecret", "s")
        .put("allowed_origins", "https://a, https://b").put("max_event_batch_size", "");
    ObjectNode d = AppField.definition(in);
    assertEquals("{\"id\":\"7\",\"key\":\"k\",\"secret\":\"s\",\"enable_client_messages\":false,"
        + "\"max_connections\":10,\"max_event_batch_size\":null,"
        + "\"allowed_origins\":[\"https://a\",\"https://b\"],\"webhooks\":[{\"url\":\"http://h\"}]}", d.toString());
  }

  @Test
  void unknownFieldsAndBadValuesAreRefusedByName() {
    AppException unknown = assertThrows(AppException.class, () -> AppField.definition(JSON.readTree("{\"colour\":1}")));
    assertTrue(unknown.getMessage().contains("colour"));
    AppException bad = assertThrows(AppException.class,
        () -> AppField.definition(JSON.readTree("{\"enabled\":\"perhaps\"}")));
    assertTrue(bad.getMessage().contains("enabled"), bad.getMessage());
  }
}
