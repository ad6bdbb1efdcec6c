/**
 * The Pusher HTTP API (https://pusher.com/docs/channels/library_auth_reference/rest-api/) and the health
 * endpoints. Requests are HMAC-checked, rate-limited per app, and answered with real status codes and a
 * JSON body. Imports core, app, ratelimit and the Pusher codec for event encoding.
 */
package dev.switchboard.http;
