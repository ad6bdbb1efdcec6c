package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.pusher.rest.data.Validity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {
  @Test
  void bodyIsCompactJsonInPushersFieldOrderWithNumericUserIdsKeptAsNumbers() {
    byte[] body = WebhookBody.encode(1327078148132L, List.of(
        WebhookEvent.channel("channel_occupied", "news"),
        WebhookEvent.member("member_added", "presence-a", TextNode.valueOf("7")),
        WebhookEvent.member("member_removed", "presence-a", IntNode.valueOf(8)),
        WebhookEvent.subscriptionCount("news", 3),
        WebhookEvent.clientEvent("presence-a", "client-x", TextNode.valueOf("hi"), "1.2", TextNode.valueOf("7"),
            false),
        WebhookEvent.clientEvent("presence-a", "client-y", TextNode.valueOf("yo"), "1.3", IntNode.valueOf(8),
            false)));
    assertEquals("{\"time_ms\":1327078148132,\"events\":["
        + "{\"name\":\"channel_occupied\",\"channel\":\"news\"},"
        + "{\"name\":\"member_added\",\"channel\":\"presence-a\",\"user_id\":\"7\"},"
        + "{\"name\":\"member_removed\",\"channel\":\"presence-a\",\"user_id\":8},"
        + "{\"name\":\"subscription_count\",\"channel\":\"news\",\"subscription_count\":3},"
        + "{\"name\":\"client_event\",\"channel\":\"presence-a\",\"event\":\"client-x\",\"data\":\"hi\","
        + "\"socket_id\":\"1.2\",\"user_id\":\"7\"},"
        + "{\"name\":\"client_event\",\"channel\":\"presence-a\",\"event\":\"client-y\",\"data\":\"yo\","
        + "\"socket_id\":\"1.3\",\"user_id\":8}]}", new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void onlyRequiredCharactersAreEscapedAsJsonStringifyDoes() {
    String data = "\"/\\ \n\u0001\u007f\u00e9\u2028\ud83d\ude00";
    byte[] body = WebhookBody.encode(1, List.of(
        WebhookEvent.clientEvent("private-a", "client-x", TextNode.valueOf(data), "1.1", null, false)));
    // JSON.stringify: \" \\ \n and \u0001 (lower-case hex); '/', DEL, non-ASCII, U+2028 and emoji raw
    String expectedData = "\\\"/\\\\ \\n\\u0001\u007f\u00e9\u2028\ud83d\ude00";
    assertEquals("{\"time_ms\":1,\"events\":[{\"name\":\"client_event\",\"channel\":\"private-a\","
        + "\"event\":\"client-x\",\"data\":\"" + expectedData + "\",\"socket_id\":\"1.1\"}]}",
        new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void signatureIsAcceptedByPusherHttpJava() {
    byte[] body = WebhookBody.encode(5, List.of(WebhookEvent.channel("channel_vacated", "x")));
    String sig = WebhookBody.sign("app-secret", body);
    var pusher = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
    assertEquals(Validity.VALID, pusher.validateWebhookSignature("app-key", sig,
        new String(body, StandardCharsets.UTF_8)));
    assertEquals(Validity.INVALID, pusher.validateWebhookSignature("app-key",
        WebhookBody.sign("other-secret", body), new String(body, StandardCharsets.UTF_8)));
  }

}
