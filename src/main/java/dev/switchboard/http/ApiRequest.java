package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.transport.HttpExchange;
import io.vertx.core.MultiMap;

/**
 * An authenticated API request: the app, its runtime, the decoded query, the raw body and the {@link
 * System#nanoTime()} at which it arrived (where publish→write latency starts). The body is parsed once, on
 * first use, on the request's loop.
 */
final class ApiRequest {
  private final HttpExchange http;
  private final App app;
  private final AppRuntime runtime;
  private final MultiMap params;
  private final byte[] body;
  private final long receivedNanos;
  private JsonNode json;

  ApiRequest(HttpExchange http, App app, AppRuntime runtime, MultiMap params, byte[] body, long receivedNanos) {
    this.http = http;
    this.app = app;
    this.runtime = runtime;
    this.params = params;
    this.body = body;
    this.receivedNanos = receivedNanos;
  }

  HttpExchange http() {
    return http;
  }

  App app() {
    return app;
  }

  AppRuntime runtime() {
    return runtime;
  }

  MultiMap params() {
    return params;
  }

  long receivedNanos() {
    return receivedNanos;
  }

  byte[] body() {
    return body;
  }

  JsonNode json() {
    if (json == null) {
      json = parse();
    }
    return json;
  }

  private JsonNode parse() {
    if (body.length == 0) {
      throw new ApiException(400, "Request body must be a JSON object");
    }
    JsonNode n;
    try {
      n = ApiResponses.JSON.readTree(body);
    } catch (Exception e) {
      throw new ApiException(400, "Request body is not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw new ApiException(400, "Request body must be a JSON object");
    }
    return n;
  }
}
