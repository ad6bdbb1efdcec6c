package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One entry of an app's {@code webhooks}: where to send (a URL or a Lambda function), which event types,
 * extra headers and a channel filter. {@code raw} is the entry as configured. Queued jobs only reference a
 * target ({@link WebhookJob}), which is looked up in the app's settings at delivery time.
 */
public record WebhookTarget(URI url, LambdaTarget lambda, Set<String> eventTypes, Map<String, String> headers,
    WebhookFilter filter, JsonNode raw) {

  public WebhookTarget {
    eventTypes = Set.copyOf(eventTypes);
    headers = Map.copyOf(headers);
  }

  public boolean wants(String eventName) {
    return eventTypes.contains(eventName);
  }

  public boolean accepts(WebhookEvent e) {
    return eventTypes.contains(e.name()) && filter.matches(e.channel());
  }

  /**
   * Where it sends, exactly: the URL as configured (credentials included) or the function. Only for identity
   * ({@link WebhookJob#key} hashes it); never for a log line.
   */
  String destination() {
    return url != null ? url.toString() : "lambda:" + lambda.function();
  }

  /** For logs: the URL (user and password masked) or the function, never credentials. */
  public String describe() {
    return url != null ? dev.switchboard.logging.LogSafe.url(url.toString()) : "lambda:" + lambda.function();
  }
}
