package dev.switchboard.gateway;

import dev.switchboard.core.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** The frames the gateway itself sends, exactly as API Gateway and SUMU's routes send them. */
final class GatewayMessages {
  private static final SecureRandom RANDOM = new SecureRandom();

  private GatewayMessages() {}

  /** SUMU's keep-alive answer to {@code {"action":"ping"}}. */
  static OutboundMessage pong(String connectionId) {
    return of("{\"type\":\"pong\",\"statusCode\":200,\"connectionId\":" + GatewayJson.quoted(connectionId) + "}");
  }

  /** API Gateway's answer to a frame that no route takes (no matching route and no {@code $default}). */
  static OutboundMessage forbidden(String connectionId) {
    return of("{\"message\":\"Forbidden\",\"connectionId\":" + GatewayJson.quoted(connectionId)
        + ",\"requestId\":\"" + requestId() + "\"}");
  }

  /** A request id in API Gateway's form: twelve random bytes in base64. */
  static String requestId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  static OutboundMessage of(String json) {
    return OutboundMessage.ofJson(json.getBytes(StandardCharsets.UTF_8));
  }
}
