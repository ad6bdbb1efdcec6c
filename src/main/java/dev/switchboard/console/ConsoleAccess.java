package dev.switchboard.console;

import dev.switchboard.app.App;
import dev.switchboard.app.AppStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Checks a console call's {@code Authorization} header: {@code Bearer <console.token>} for the admin, {@code
 * Basic base64(key:secret)} for one app. Secrets are compared in constant time, as SHA-256 digests so that not
 * even their lengths show. Fails with 401 for a missing or wrong credential and 503 when the app store cannot
 * answer; nothing here sends {@code WWW-Authenticate}, which would make a browser ask with its own dialog.
 */
final class ConsoleAccess {
  private final AppStore apps;
  private final byte[] tokenDigest;

  ConsoleAccess(AppStore apps, String token) {
    this.apps = apps;
    this.tokenDigest = token.isEmpty() ? null : digest(token);
  }

  Future<ConsoleUser> check(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return refused("Send Authorization: Bearer <console token> or Basic <app key:secret>");
    }
    String h = authorization.trim();
    if (regionIs(h, "Bearer ")) {
      boolean ok = tokenDigest != null && MessageDigest.isEqual(tokenDigest, digest(h.substring(7).trim()));
      return ok ? Future.succeededFuture(ConsoleUser.ADMIN) : refused("Wrong console token");
    }
    if (!regionIs(h, "Basic ")) {
      return refused("Unsupported authorization scheme");
    }
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return refused("Basic credentials are not base64");
    }
    int colon = pair.indexOf(':');
    if (colon <= 0) {
      return refused("Basic credentials must be key:secret");
    }
    String key = pair.substring(0, colon);
    byte[] secret = digest(pair.substring(colon + 1));
    return apps.findByKey(key).recover(err -> Future.failedFuture(
            new ConsoleException(503, "App store unavailable, try again later")))
        .compose(found -> {
          App app = found.orElse(null);
          // an unknown key and a wrong secret get the same answer, so keys cannot be probed
          if (app == null || !MessageDigest.isEqual(secret, digest(app.secret()))) {
            return refused("Wrong app key or secret");
          }
          return Future.succeededFuture(ConsoleUser.of(app.id()));
        });
  }

  private static boolean regionIs(String h, String scheme) {
    return h.regionMatches(true, 0, scheme, 0, scheme.length());
  }

  private static Future<ConsoleUser> refused(String why) {
    return Future.failedFuture(new ConsoleException(401, why));
  }

  static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
