package dev.switchboard.signaling;

import dev.switchboard.auth.AuthException;
import dev.switchboard.auth.BearerTokens;
import dev.switchboard.auth.JwtVerifier;
import dev.switchboard.signaling.auth.SignalingAuthConfig;
import dev.switchboard.signaling.auth.TopicPolicy;
import dev.switchboard.transport.WsSocket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

/**
 * The token of a signaling socket and what it grants. Browsers cannot set headers on a WebSocket, so the
 * JWT comes in the query string ({@code ?token=} or {@code ?authorization=}, an optional {@code Bearer }
 * prefix allowed); an {@code Authorization: Bearer} header works for other clients. Without
 * {@code signaling.auth} every socket may use every topic, as on the reference server.
 */
final class SignalingTokens {
  private final JwtVerifier verifier;
  private final String topicsClaim;

  SignalingTokens(Vertx vertx, SignalingAuthConfig auth) {
    this.topicsClaim = auth.topicsClaim().isEmpty() ? null : auth.topicsClaim();
    if (auth.enabled()) {
      this.verifier = new JwtVerifier(auth.jwt(),
          vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000)));
      verifier.prefetch();
    } else {
      this.verifier = null;
    }
  }

  /** The socket's grant, or a failed future with an {@link AuthException}. */
  Future<TopicPolicy> verify(WsSocket ws) {
    if (verifier == null) {
      return Future.succeededFuture(TopicPolicy.ANY);
    }
    String uri = ws.query() == null ? ws.path() : ws.path() + "?" + ws.query();
    String token = token(uri, ws.header("Authorization"));
    if (token == null) {
      return Future.failedFuture(new AuthException(AuthException.Kind.INVALID,
          "missing token: connect with ?token=<JWT>"));
    }
    return verifier.verify(token)
        .map(claims -> topicsClaim == null ? TopicPolicy.ANY : TopicPolicy.of(claims.getClaim(topicsClaim)));
  }

  static String token(String uri, String header) {
    return BearerTokens.from(uri, header, "token", "authorization");
  }
}
