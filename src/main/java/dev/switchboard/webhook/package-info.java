/**
 * Pusher webhooks: turns core activity ({@link dev.switchboard.core.HubListener} events) into webhook events
 * (channel_occupied, channel_vacated, member_added, member_removed, client_event, cache_miss,
 * subscription_count), batches them per app, builds one signed body per configured target after its
 * event_types and filter, and delivers it through the {@link dev.switchboard.queue.JobQueue} (at least once)
 * over HTTP or to AWS Lambda, retrying with exponential backoff and jitter and writing a dead-letter log line
 * when retries run out. Reads soketi's and Sockudo's webhook shapes. Imports {@code core}, {@code app},
 * {@code config} and the {@code queue} SPI; never a queue driver or a dialect. The body follows
 * https://pusher.com/docs/channels/server_api/webhooks: compact {@code {"time_ms":..,"events":[..]}}, signed
 * with HMAC-SHA256 of the exact bytes sent in {@code X-Pusher-Signature}.
 */
package dev.switchboard.webhook;
