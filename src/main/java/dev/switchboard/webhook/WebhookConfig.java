package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;

/**
 * {@code webhooks.*}: batching (soketi's and Sockudo's {@code webhooks.batching.enabled} and
 * {@code .duration}), the retry budget and the request timeout. Defaults live here.
 *
 * @param batching when false every event is sent on its own, at once
 * @param batchDurationMs how long events of one app gather before they are sent together
 * @param maxBatchSize a batch this large is sent without waiting for the window to end
 * @param retryInitialMs the first retry's delay, doubled each attempt
 * @param retryMaxDelayMs the largest delay between two attempts
 * @param retryMaxElapsedMs after this long since the first attempt, a failing delivery is dead-lettered
 * @param timeoutMs how long one HTTP request or Lambda invocation may take, in total
 * @param maxJobBytes the largest queued job; bigger batches are split. The default and the maximum keep a job,
 *     with its retry state and base64-encoded, inside SQS's 256 KiB message limit (NATS allows 1 MiB by default)
 * @param clientEventDataObject {@code webhooks.client_event_data}: true ({@code object}) sends a client_event's
 *     data as the JSON the client sent, as soketi does; false ({@code string}) as its text, as Pusher documents.
 *     The default follows the config's form: {@code object} when it is soketi's (see {@link ConfigTree#soketiForm})
 */
public record WebhookConfig(boolean batching, long batchDurationMs, int maxBatchSize, long retryInitialMs,
    long retryMaxDelayMs, long retryMaxElapsedMs, long timeoutMs, int maxJobBytes, boolean clientEventDataObject) {
  public static final int MAX_JOB_BYTES = 190 * 1024;

  public WebhookConfig {
    range("webhooks.batching.duration", batchDurationMs, 1, 3_600_000);
    range("webhooks.batching.max_size", maxBatchSize, 1, 100_000);
    range("webhooks.retry.initial_delay_ms", retryInitialMs, 1, 3_600_000);
    range("webhooks.retry.max_delay_ms", retryMaxDelayMs, retryInitialMs, 3_600_000);
    range("webhooks.retry.max_elapsed_ms", retryMaxElapsedMs, 0, 86_400_000);
    range("webhooks.timeout_ms", timeoutMs, 100, 600_000);
    range("webhooks.max_job_bytes", maxJobBytes, 1024, MAX_JOB_BYTES);
  }

  private static void range(String key, long v, long min, long max) {
    if (v < min || v > max) {
      throw ConfigException.invalid(key, v, "a number from " + min + " to " + max);
    }
  }

  public static WebhookConfig from(ConfigTree t) {
    try {
      return read(t);
    } catch (ConfigException e) {
      throw e.relabel(t::label);
    }
  }

  private static WebhookConfig read(ConfigTree t) {
    String data = t.string("webhooks.client_event_data", t.soketiForm() ? "object" : "string").trim();
    if (!data.equals("string") && !data.equals("object")) {
      throw ConfigException.invalid("webhooks.client_event_data", data, "string (Pusher's) or object (soketi's)");
    }
    // soketi's flat files may say "webhooks.batching": true
    JsonNode flat = t.node("webhooks.batching");
    boolean batching = flat != null && flat.isValueNode() ? ConfigTree.parseBool("webhooks.batching", flat)
        : t.bool("webhooks.batching.enabled", false);
    return new WebhookConfig(batching,
        t.longValue("webhooks.batching.duration", 50),
        t.integer("webhooks.batching.max_size", 100),
        t.longValue("webhooks.retry.initial_delay_ms", 500),
        t.longValue("webhooks.retry.max_delay_ms", 30_000),
        t.longValue("webhooks.retry.max_elapsed_ms", 300_000),
        t.longValue("webhooks.timeout_ms", 10_000),
        t.integer("webhooks.max_job_bytes", 160 * 1024),
        data.equals("object"));
  }
}
