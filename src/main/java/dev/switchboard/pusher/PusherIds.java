package dev.switchboard.pusher;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * User ids may arrive as JSON strings or numbers. A number is looked up as its decimal string (so
 * {@code sendToUser('2')} and {@code #server-to-user-2} find it), and a presence member's number is shown as
 * the number, as soketi keeps it (see {@link dev.switchboard.core.PresenceRoster}).
 */
final class PusherIds {
  private PusherIds() {}

  /** {@code n} when the client gave the id as a JSON number, else null (a string id, or none). */
  static JsonNode number(JsonNode n) {
    return n != null && n.isNumber() ? n : null;
  }

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
