package dev.switchboard.webhook;

/** Told of every webhook delivery attempt, e.g. by the web console's event log. Must not block. */
@FunctionalInterface
public interface WebhookObserver {
  /**
   * Attempt number {@code attempt} of {@code body} for app {@code appId} went to {@code target}; {@code outcome}
   * is delivered, retry or rejected, and {@code detail} says why (e.g. HTTP 500).
   */
  void attempted(String appId, String target, String body, int attempt, String outcome, String detail);

  WebhookObserver NONE = (appId, target, body, attempt, outcome, detail) -> {};
}
