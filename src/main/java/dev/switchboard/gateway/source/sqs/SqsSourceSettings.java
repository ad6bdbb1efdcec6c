package dev.switchboard.gateway.source.sqs;

import dev.switchboard.config.ConfigException;
import dev.switchboard.gateway.sink.SinkConfig;
import java.net.URI;
import java.util.Set;

/**
 * {@code queue_url} (required), {@code region} (default us-east-1), {@code endpoint} (ElasticMQ, LocalStack;
 * default AWS), {@code access_key_id} and {@code secret_access_key} (both or neither; neither = the AWS default
 * credentials chain), {@code wait_time_seconds} (long poll, 0 to 20, default 20), {@code visibility_timeout_sec}
 * (how long a received message stays hidden while its handler runs, default 30) and {@code dead_letter} (a queue
 * URL; default none).
 */
record SqsSourceSettings(URI queueUrl, String region, URI endpoint, String accessKeyId, String secretAccessKey,
    int waitTimeSeconds, int visibilityTimeoutSec, URI deadLetter) {
  static SqsSourceSettings from(SinkConfig c) {
    Set<String> http = Set.of("http", "https");
    URI queueUrl = c.url("queue_url", null, http);
    String region = c.string("region", "us-east-1");
    if (!region.matches("[a-z0-9-]{1,64}")) {
      throw ConfigException.invalid(c.path("region"), region, "an AWS region name such as us-east-1");
    }
    URI endpoint = c.node("endpoint") == null ? null : c.url("endpoint", null, http);
    String key = c.string("access_key_id", "");
    String secret = c.string("secret_access_key", "");
    if (key.isEmpty() != secret.isEmpty()) {
      throw ConfigException.invalid(c.path(key.isEmpty() ? "access_key_id" : "secret_access_key"), "(missing)",
          "access_key_id and secret_access_key together, or neither for the AWS default chain");
    }
    int wait = (int) c.integer("wait_time_seconds", 20, 0, 20);
    int visibility = (int) c.integer("visibility_timeout_sec", 30, 1, 43_200);
    URI deadLetter = c.node("dead_letter") == null ? null : c.url("dead_letter", null, http);
    return new SqsSourceSettings(queueUrl, region, endpoint, key, secret, wait, visibility, deadLetter);
  }
}
