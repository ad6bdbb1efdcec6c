package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a queued webhook job holds: a reference to the target, never its credentials or headers. */
class WebhookJobTest {
  private static final String BODY = "{\"time_ms\":1,\"events\":[]}";

  private static List<WebhookTarget> targets(String json) throws Exception {
    return WebhookTargets.parse(WebhookReceiver.JSON.readTree(json));
  }

  private static final String CONFIG = """
      [{"url":"http://hooks.local/a?token=url-token","event_types":["x"],"headers":{"Authorization":"Bearer hdr"}},
       {"lambda_function":"fn","event_types":["x"],"lambda":{"region":"eu-west-1",
         "client_options":{"credentials":{"accessKeyId":"AKIDSECRET","secretAccessKey":"s3cr3t-key"}}}}]""";

  @Test
  void theQueuedBytesHoldNoCredentialHeaderOrUrlToken() throws Exception {
    List<WebhookTarget> ts = targets(CONFIG);
    for (int i = 0; i < ts.size(); i++) {
      WebhookJob job = WebhookJob.of("app-1", i, ts.get(i), BODY);
      String bytes = new String(job.toBytes(), StandardCharsets.UTF_8);
      for (String secret : List.of("url-token", "Bearer hdr", "AKIDSECRET", "s3cr3t-key", "hooks.local")) {
        assertFalse(bytes.contains(secret), secret + " stored in the queue: " + bytes);
      }
      WebhookJob read = WebhookJob.fromBytes(job.toBytes());
      assertEquals(job, read);
      assertSame(ts.get(i), read.resolve(ts), "resolved from the app's own settings");
    }
  }

  @Test
  void aTargetIsFoundAfterReorderingAndNotWhenRemoved() throws Exception {
    List<WebhookTarget> ts = targets(CONFIG);
    WebhookJob lambda = WebhookJob.of("app-1", 1, ts.get(1), BODY);
    List<WebhookTarget> reordered = List.of(ts.get(1), ts.get(0));
    assertSame(ts.get(1), lambda.resolve(reordered));
    assertNull(lambda.resolve(List.of(ts.get(0))));
  }

  @Test
  void anOlderJobWithTheWholeTargetIsReadButItsSecretsNeverLogged() throws Exception {
    String old = "{\"app_id\":\"app-1\",\"target\":" + WebhookReceiver.JSON.readTree(CONFIG).get(1)
        + ",\"body\":" + WebhookReceiver.JSON.writeValueAsString(BODY) + "}";
    List<WebhookTarget> ts = targets(CONFIG);
    assertSame(ts.get(1), WebhookJob.fromBytes(old.getBytes(StandardCharsets.UTF_8)).resolve(ts));
    String logged = WebhookJob.loggable(old.getBytes(StandardCharsets.UTF_8));
    assertFalse(logged.contains("s3cr3t-key") || logged.contains("AKIDSECRET"), logged);
    assertEquals("app_id=app-1 payload=" + BODY, logged);
    assertEquals("payload_bytes=9", WebhookJob.loggable("not json!".getBytes(StandardCharsets.UTF_8)));
  }
}
