package dev.switchboard.gateway.source.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * SNS delivers to SQS without raw message delivery as {@code {"Type":"Notification","Message":"<text>",..}};
 * the notification is the {@code Message} text. Any other body is the notification itself.
 */
final class SnsEnvelope {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnsEnvelope() {}

  static String unwrap(String body) {
    // a cheap test first: notifications are parsed once more by the handler, this parse is only for SNS
    if (!body.contains("\"Notification\"") || !body.contains("\"TopicArn\"")) {
      return body;
    }
    try {
      JsonNode n = JSON.readTree(body);
      JsonNode message = n.path("Message");
      return n.path("Type").asText().equals("Notification") && message.isTextual() ? message.asText() : body;
    } catch (JsonProcessingException e) {
      return body; // the handler says it is malformed
    }
  }
}
