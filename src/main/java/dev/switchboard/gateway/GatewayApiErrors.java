package dev.switchboard.gateway;

import dev.switchboard.transport.HttpExchange;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Answers in API Gateway's management API shape: a {@code {"message"}} body and the error type header. */
final class GatewayApiErrors {
  /** ISO-8601 with milliseconds always present, as API Gateway writes connectedAt and lastActiveAt. */
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private GatewayApiErrors() {}

  static void send(HttpExchange x, int status, String type, String message) {
    x.respond(status, "application/json", "{\"message\":" + GatewayJson.quoted(message) + "}",
        Map.of("x-amzn-errortype", type));
  }

  static String iso(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }
}
