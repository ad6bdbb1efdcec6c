package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fuzz.FuzzInput;
import java.util.List;

/**
 * An app's webhook definitions (soketi's and Sockudo's forms, from a config file or an app store's JSON column):
 * {@link WebhookTargets#parse} gives the targets or a {@link WebhookException} naming the bad entry. Each parsed
 * target then answers for an event name and a channel without throwing.
 */
class WebhookTargetsFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The input is the JSON of the app's {@code webhooks} value. */
  @FuzzTest
  void targets(byte[] data) {
    JsonNode webhooks;
    try {
      webhooks = JSON.readTree(FuzzInput.text(data));
    } catch (Exception notJson) {
      return; // refused by the config or store reader before webhooks are looked at
    }
    List<WebhookTarget> targets;
    try {
      targets = WebhookTargets.parse(webhooks);
    } catch (WebhookException refused) {
      assertNotNull(refused.getMessage());
      return;
    }
    for (WebhookTarget t : targets) {
      assertTrue(t.url() != null ^ t.lambda() != null, "exactly one of url and lambda");
      t.wants("channel_occupied");
      t.filter().matches("private-room-1");
      assertNotNull(t.describe());
    }
  }
}
