package dev.switchboard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.transport.HttpExchange;
import java.util.HashMap;
import java.util.Map;

/** JSON and text responses, always with CORS headers. */
final class ApiResponses {
  static final ObjectMapper JSON = new ObjectMapper();

  private ApiResponses() {}

  static void json(HttpExchange x, int status, Object body) {
    String text;
    try {
      text = body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (Exception e) {
      status = 500;
      text = "{\"error\":\"Could not encode the response\"}";
    }
    x.respond(status, "application/json", text, HttpExchange.CORS);
  }

  static void text(HttpExchange x, int status, String body) {
    x.respond(status, "text/plain", body, HttpExchange.CORS);
  }

  static void error(HttpExchange x, ApiException e) {
    ObjectNode body = JSON.createObjectNode().put("error", e.getMessage()).put("code", e.status);
    Map<String, String> headers = new HashMap<>(HttpExchange.CORS);
    if (e.retryAfter > 0) {
      headers.put("Retry-After", Integer.toString(e.retryAfter));
    }
    x.respond(e.status, "application/json", body.toString(), headers);
  }
}
