package dev.switchboard.queue.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code queue.sqs.*}: region, optional endpoint (ElasticMQ, LocalStack), queue URLs by topic
 * ({@code queue_urls}; soketi's single {@code queue_url} is the {@code webhooks} topic's), long-poll wait,
 * and optional static credentials (else the standard AWS chain).
 */
record SqsQueueSettings(String region, URI endpoint, Map<String, String> queueUrls, int waitTimeSeconds,
    String accessKeyId, String secretAccessKey) {

  static SqsQueueSettings from(ConfigTree t) {
    String endpoint = t.string("queue.sqs.endpoint", "");
    URI uri = null;
    if (!endpoint.isBlank()) {
      try {
        uri = URI.create(endpoint.trim());
      } catch (IllegalArgumentException e) {
        throw ConfigException.invalid("queue.sqs.endpoint", endpoint, "a URL");
      }
    }
    Map<String, String> urls = new HashMap<>();
    JsonNode map = t.node("queue.sqs.queue_urls");
    if (map != null && map.isObject()) {
      map.properties().forEach(e -> urls.put(e.getKey(), e.getValue().asText()));
    }
    String single = t.string("queue.sqs.queue_url", "");
    if (!single.isBlank()) {
      urls.putIfAbsent("webhooks", single.trim());
    }
    int wait = t.integer("queue.sqs.wait_time_seconds", 20);
    if (wait < 0 || wait > 20) {
      throw ConfigException.invalid("queue.sqs.wait_time_seconds", wait, "a number from 0 to 20");
    }
    return new SqsQueueSettings(t.string("queue.sqs.region", "us-east-1"), uri, Map.copyOf(urls), wait,
        t.string("queue.sqs.access_key_id", ""), t.string("queue.sqs.secret_access_key", ""));
  }
}
