package dev.switchboard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.transport.HttpExchange;
import java.util.HashMap;
import java.util.Map;

/** JSON and text responses, always with CORS headers. */
final class ApiResponses {
  static final ObjectMapper JSON = new ObjectMapper();

  private ApiResponses() {}

  static void json(HttpExchange x, int status, Object body) {
    String text = encode(body);
    x.respond(text == ENCODING_FAILED ? 500 : status, "application/json", text, HttpExchange.CORS);
  }

  private static final String ENCODING_FAILED = "{\"error\":\"Could not encode the response\"}";

  /** {@code body} as JSON text (a string is taken as JSON already). */
  static String encode(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (Exception e) {
      return ENCODING_FAILED;
    }
  }

  /** The JSON body of an error answer. */
  static String errorBody(ApiException e) {
    return JSON.createObjectNode().put("error", e.getMessage()).put("code", e.status).toString();
  }

  static void text(HttpExchange x, int status, String body) {
    x.respond(status, "text/plain", body, HttpExchange.CORS);
  }

  static void error(HttpExchange x, ApiException e) {
    Map<String, String> headers = new HashMap<>(HttpExchange.CORS);
    if (e.retryAfter > 0) {
      headers.put("Retry-After", Integer.toString(e.retryAfter));
    }
    x.respond(e.status, "application/json", errorBody(e), headers);
  }
}
