package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<WebhookTarget> parse(String json) throws Exception {
    return WebhookTargets.parse(JSON.readTree(json));
  }

  private static JsonNode node(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void soketiSnakeCaseWithFiltersAndHeadersIsRead() throws Exception {
    WebhookTarget t = parse("""
        [{"url":"https://example.com/hook","event_types":["channel_occupied","member_added"],
          "headers":{"X-Team":"a"},"filter":{"channel_name_starts_with":"beta-","channel_name_ends_with":"-app"}}]
        """).get(0);
    assertEquals("https://example.com/hook", t.url().toString());
    assertEquals(Set.of("channel_occupied", "member_added"), t.eventTypes());
    assertEquals("a", t.headers().get("X-Team"));
    assertTrue(t.filter().matches("beta-x-app"));
    assertFalse(t.filter().matches("beta-x"));
    assertFalse(t.filter().matches("x-app"));
  }

  @Test
  void soketiDocumentedFiltersKeyAndCamelCaseWork() throws Exception {
    WebhookTarget t = parse("""
        [{"url":"http://h/x","eventTypes":["channel_vacated"],"filters":{"channelNameStartsWith":"a-"}}]
        """).get(0);
    assertTrue(t.wants("channel_vacated"));
    assertTrue(t.accepts(WebhookEvent.channel("channel_vacated", "a-1")));
    assertFalse(t.accepts(WebhookEvent.channel("channel_vacated", "b-1")));
    assertFalse(t.accepts(WebhookEvent.channel("channel_occupied", "a-1")));
  }

  @Test
  void sockudoPrefixSuffixAndWholeNamePatternAreRead() throws Exception {
    WebhookTarget t = parse("""
        [{"url":"http://h/x","event_types":["channel_occupied"],
          "filter":{"channel_prefix":"room-","channel_suffix":"-1","channel_pattern":"room-[a-z]+-[0-9]"}}]
        """).get(0);
    assertTrue(t.filter().matches("room-abc-1"));
    assertFalse(t.filter().matches("room-abc-2"));
    assertFalse(t.filter().matches("xroom-abc-1"));
  }

  @Test
  void soketiLambdaKeysAreRead() throws Exception {
    WebhookTarget t = parse("""
        [{"lambda_function":"arn:aws:lambda:eu-central-1:1:function:f","event_types":["client_event"],
          "lambda":{"async":true,"region":"eu-central-1","client_options":{"endpoint":"http://127.0.0.1:9001",
            "credentials":{"accessKeyId":"AK","secretAccessKey":"SK"}}}}]
        """).get(0);
    assertNull(t.url());
    LambdaTarget l = t.lambda();
    assertEquals("arn:aws:lambda:eu-central-1:1:function:f", l.function());
    assertTrue(l.async());
    assertEquals("eu-central-1", l.region());
    assertEquals("http://127.0.0.1:9001", l.endpoint().toString());
    assertEquals("AK", l.accessKeyId());
    assertFalse(l.toString().contains("SK"), "the secret key must not be printed");
  }

  @Test
  void sockudoLambdaFunctionNameAndSoketiTopLevelRegionAreRead() throws Exception {
    LambdaTarget l = parse("""
        [{"lambda":{"function_name":"f"},"region":"ap-south-1","event_types":["channel_occupied"]}]
        """).get(0).lambda();
    assertEquals("f", l.function());
    assertEquals("ap-south-1", l.region());
    assertFalse(l.async(), "RequestResponse unless lambda.async is true, as soketi does");
  }

  @Test
  void badEntriesFailWithAMessageNamingThem() throws Exception {
    assertThrows(WebhookException.class, () -> parse("[{\"event_types\":[]}]"));
    assertThrows(WebhookException.class, () -> parse("[{\"url\":\"http://a/b\",\"lambda_function\":\"f\"}]"));
    var e = assertThrows(WebhookException.class, () -> parse("[{\"url\":\"ftp://a/b\"}]"));
    assertTrue(e.getMessage().contains("webhooks[0].url=ftp://a/b"), e.getMessage());
    assertThrows(WebhookException.class, () -> parse("[{\"url\":\"http://a/b\",\"event_types\":\"x\"}]"));
    assertThrows(WebhookException.class,
        () -> parse("[{\"url\":\"http://a/b\",\"filter\":{\"channel_pattern\":\"(\"}}]"));
    assertThrows(WebhookException.class, () -> WebhookTargets.parse(node("{}")));
    assertThrows(WebhookException.class, () -> parse("[42]"));
  }

  @Test
  void sockudoOptionsWeDoNotSupportAreRefusedNotIgnored() throws Exception {
    var ns = assertThrows(WebhookException.class, () -> parse(
        "[{\"url\":\"http://a/b\",\"event_types\":[\"x\"],\"filter\":{\"channel_namespace\":\"chat\"}}]"));
    assertEquals("webhooks[0].filter.channel_namespace: not supported; use channel_prefix, channel_suffix or"
        + " channel_pattern (a regular expression)", ns.getMessage());
    assertThrows(WebhookException.class, () -> parse("[{\"url\":\"http://a/b\",\"event_types\":[\"x\"],"
        + "\"filter\":{\"channel_prefix\":\"p-\",\"channel_namespaces\":[\"chat\"]}}]"));
    assertThrows(WebhookException.class, () -> parse(
        "[{\"url\":\"http://a/b\",\"event_types\":[\"x\"],\"filter\":\"chat\"}]"));
    var retry = assertThrows(WebhookException.class, () -> parse(
        "[{\"url\":\"http://a/b\",\"event_types\":[\"x\"],\"retry\":{\"max_attempts\":3}}]"));
    assertTrue(retry.getMessage().contains("webhooks.retry"), retry.getMessage());
    var timeout = assertThrows(WebhookException.class, () -> parse(
        "[{\"url\":\"http://a/b\",\"event_types\":[\"x\"],\"request_timeout_ms\":500}]"));
    assertTrue(timeout.getMessage().contains("webhooks.timeout_ms"), timeout.getMessage());
  }

  @Test
  void noWebhooksMeansNoTargets() throws Exception {
    assertTrue(WebhookTargets.parse(null).isEmpty());
    assertTrue(parse("[]").isEmpty());
  }
}
