/**
 * The {@code http} gateway sink: POSTs each message to one URL with the non-blocking Vert.x HTTP client,
 * attributes as {@code X-Gateway-*} headers, optionally signed with HMAC-SHA256 like Pusher webhooks.
 */
package dev.switchboard.gateway.sink.http;
