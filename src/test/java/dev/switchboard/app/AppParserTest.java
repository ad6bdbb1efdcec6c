package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ServerLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static App parse(String json) throws Exception {
    return AppParser.parse(JSON.readTree(json), ServerLimits.DEFAULTS);
  }

  @Test
  void snakeCamelAndPascalCaseReadTheSame() throws Exception {
    App snake = parse("{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\",\"max_backend_events_per_second\":4,"
        + "\"enable_client_messages\":true}");
    App camel = parse("{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\",\"maxBackendEventsPerSecond\":4,"
        + "\"enableClientMessages\":true}");
    App pascal = parse("{\"AppId\":\"1\",\"AppKey\":\"k\",\"AppSecret\":\"s\",\"MaxBackendEventsPerSecond\":4,"
        + "\"EnableClientMessages\":true}");
    assertEquals(snake, camel);
    assertEquals(snake.maxBackendEventsPerSecond(), pascal.maxBackendEventsPerSecond());
    assertTrue(pascal.enableClientMessages());
    assertEquals("1", pascal.id());
  }

  @Test
  void soketiShortColumnNamesAreAliases() throws Exception {
    App a = parse("{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\",\"max_backend_events_per_sec\":2,"
        + "\"max_client_events_per_sec\":3,\"max_read_req_per_sec\":4}");
    assertEquals(2, a.maxBackendEventsPerSecond());
    assertEquals(3, a.maxClientEventsPerSecond());
    assertEquals(4, a.maxReadRequestsPerSecond());
  }

  @Test
  void unsetLimitsFallBackToServerDefaultsAndNumericIdsBecomeStrings() throws Exception {
    App a = parse("{\"id\":42,\"key\":\"k\",\"secret\":\"s\"}");
    assertEquals("42", a.id());
    assertEquals(100, a.maxPresenceMembersPerChannel());
    assertEquals(10, a.maxEventBatchSize());
    assertTrue(a.enabled());
    assertFalse(a.enableClientMessages());
  }

  @Test
  void sizeLimitsInKbTakeDecimalsFromNumbersAndTextAndAreHeldInBytes() throws Exception {
    App row = parse("{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\",\"max_presence_member_size_in_kb\":0.25,"
        + "\"max_event_payload_in_kb\":\"1.5\"}");
    assertEquals(256, row.maxPresenceMemberBytes());
    assertEquals(1536, row.maxEventPayloadBytes());
    App dynamo = parse("{\"AppId\":\"1\",\"AppKey\":\"k\",\"AppSecret\":\"s\",\"MaxPresenceMemberSizeInKb\":0.5,"
        + "\"MaxEventPayloadInKb\":-1}");
    assertEquals(512, dynamo.maxPresenceMemberBytes());
    assertEquals(-1, dynamo.maxEventPayloadBytes());
    assertEquals(2048, parse("{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\"}").maxPresenceMemberBytes());
    AppException e = org.junit.jupiter.api.Assertions.assertThrows(AppException.class, () -> parse(
        "{\"id\":\"x\",\"key\":\"k\",\"secret\":\"s\",\"max_event_payload_in_kb\":-0.5}"));
    assertEquals("app x: max_event_payload_in_kb=-0.5: expected -1 or a non-negative number of KB", e.getMessage());
  }

  @Test
  void jsonStringColumnsForWebhooksAndOriginsAreParsed() throws Exception {
    App a = parse("{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\",\"webhooks\":\"[{\\\"url\\\":\\\"http://x\\\"}]\","
        + "\"allowed_origins\":\"https://a.example, https://*.b.example\"}");
    assertEquals("http://x", a.webhooks().get(0).get("url").asText());
    assertEquals(List.of("https://a.example", "https://*.b.example"), a.allowedOrigins());
  }

  @Test
  void booleansMayBeNumbersOrStrings() throws Exception {
    App a = parse("{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\",\"enabled\":0,\"enable_client_messages\":\"true\"}");
    assertFalse(a.enabled());
    assertTrue(a.enableClientMessages());
  }
}
