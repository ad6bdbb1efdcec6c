package dev.switchboard.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code pusher:signin}: verifies {@code socket_id::user::user_data}, records the user (for
 * {@code #server-to-user-}, terminate_connections and watchlists) and answers signin_success. A bad
 * signature is a 4009 error that closes the socket.
 */
final class SigninHandler {
  private SigninHandler() {}

  static void handle(PusherSocket s, JsonNode data) {
    App app = s.app().app();
    String userData = data.path("user_data").isTextual() ? data.get("user_data").asText() : null;
    String auth = data.path("auth").isTextual() ? data.get("auth").asText() : null;
    if (userData == null || !PusherSignatures.verifyToken(auth, app.key(), app.secret(),
        s.socketId() + "::user::" + userData)) {
      s.fail(PusherError.SIGNIN_FAILED);
      return;
    }
    JsonNode user;
    try {
      user = PusherMessages.JSON.readTree(userData);
    } catch (Exception e) {
      user = null;
    }
    String id = user == null ? null : PusherIds.of(user.get("id"));
    if (id == null) {
      s.fail(PusherError.SIGNIN_FAILED);
      return;
    }
    if (s.userId() != null) {
      return; // already signed in: Pusher allows one identity per connection
    }
    Set<String> watchlist = new LinkedHashSet<>();
    JsonNode wl = user.get("watchlist");
    if (app.enableWatchlistEvents() && wl != null && wl.isArray()) {
      wl.forEach(w -> {
        String wid = PusherIds.of(w);
        if (wid != null) {
          watchlist.add(wid);
        }
      });
    }
    s.cancelSigninDeadline();
    s.deliver(PusherMessages.signinSuccess(userData));
    s.app().signin(s, id, watchlist);
    if (!watchlist.isEmpty()) {
      Set<String> online = new LinkedHashSet<>();
      for (String w : watchlist) {
        if (s.app().isOnline(w)) {
          online.add(w);
        }
      }
      if (!online.isEmpty()) {
        s.deliver(PusherMessages.watchlist("online", online));
      }
    }
  }
}
