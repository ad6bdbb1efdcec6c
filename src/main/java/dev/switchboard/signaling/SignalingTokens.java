package dev.switchboard.signaling;

import dev.switchboard.signaling.auth.JwtVerifier;
import dev.switchboard.signaling.auth.SignalingAuthConfig;
import dev.switchboard.signaling.auth.SignalingAuthException;
import dev.switchboard.signaling.auth.TopicPolicy;
import dev.switchboard.transport.WsSocket;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.util.List;
import java.util.Map;

/**
 * The token of a signaling socket and what it grants. Browsers cannot set headers on a WebSocket, so the
 * JWT comes in the query string ({@code ?token=} or {@code ?authorization=}, an optional {@code Bearer }
 * prefix allowed); an {@code Authorization: Bearer} header works for other clients. Without
 * {@code signaling.auth} every socket may use every topic, as on the reference server.
 */
final class SignalingTokens {
  private final JwtVerifier verifier;

  SignalingTokens(Vertx vertx, SignalingAuthConfig auth) {
    if (auth.enabled()) {
      this.verifier = new JwtVerifier(auth, vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000)));
      verifier.prefetch();
    } else {
      this.verifier = null;
    }
  }

  Future<TopicPolicy> verify(WsSocket ws) {
    if (verifier == null) {
      return Future.succeededFuture(TopicPolicy.ANY);
    }
    try {
      String uri = ws.query() == null ? ws.path() : ws.path() + "?" + ws.query();
      return verifier.verify(token(uri, ws.header("Authorization")));
    } catch (RuntimeException e) {
      // a token that trips the JWT library is refused like any other bad token
      return Future.failedFuture(new SignalingAuthException("malformed token"));
    }
  }

  static String token(String uri, String header) {
    Map<String, List<String>> q = new QueryStringDecoder(uri).parameters();
    String t = first(q, "token");
    if (t == null) {
      t = first(q, "authorization");
    }
    if (t == null) {
      t = header;
    }
    if (t != null && t.regionMatches(true, 0, "Bearer ", 0, 7)) {
      t = t.substring(7);
    }
    return t == null ? null : t.trim();
  }

  private static String first(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
  }
}
