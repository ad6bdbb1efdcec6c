package dev.switchboard.pusher;

import com.fasterxml.jackson.databind.JsonNode;

/** User ids may arrive as JSON strings or numbers; numbers are used as their decimal string, as soketi does. */
final class PusherIds {
  private PusherIds() {}

  static String of(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.asText().isEmpty() ? null : n.asText();
    }
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue().toString();
    }
    if (n.isNumber()) {
      return n.decimalValue().stripTrailingZeros().toPlainString();
    }
    return null;
  }
}
