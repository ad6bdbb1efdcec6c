package dev.switchboard.http;

import dev.switchboard.pusher.PusherError;
import dev.switchboard.pusher.PusherMessages;

/** {@code POST /users/{id}/terminate_connections}: closes every socket of that user with 4009. */
final class UsersEndpoint {
  private UsersEndpoint() {}

  static Object terminate(ApiRequest r, String userId) {
    r.runtime().terminateUser(userId, PusherMessages.error(PusherError.TERMINATED), PusherError.TERMINATED.code(),
        PusherError.TERMINATED.message());
    return ApiResponses.JSON.createObjectNode();
  }
}
