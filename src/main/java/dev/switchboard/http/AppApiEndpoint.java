package dev.switchboard.http;

import dev.switchboard.core.AppRuntime;
import io.vertx.core.Future;

/**
 * An endpoint another part of the server adds to the app API ({@code POST /apps/{id}/<segment>}), such as
 * the gateway's notifications. It runs after the request was signed as every Pusher API call is (key,
 * timestamp, body_md5, signature) and counted against the app's {@code max_backend_events_per_second}.
 * A failed future with an {@link ApiException} is answered with its status; anything else with 500.
 */
@FunctionalInterface
public interface AppApiEndpoint {
  /** The JSON-serialisable answer for {@code body}, sent by the authenticated {@code app}; on a loop. */
  Future<?> handle(AppRuntime app, byte[] body);
}
