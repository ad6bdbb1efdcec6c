package dev.switchboard.gateway;

import dev.switchboard.app.App;
import dev.switchboard.app.AppErrors;
import dev.switchboard.app.AppStore;
import dev.switchboard.core.OutboundMessage;
import dev.switchboard.core.Utf8;
import dev.switchboard.gateway.connections.SigV4Result;
import dev.switchboard.gateway.connections.SigV4Verifier;
import dev.switchboard.gateway.connections.SignedRequest;
import dev.switchboard.transport.HttpExchange;
import dev.switchboard.transport.HttpRoute;
import dev.switchboard.transport.UriComponent;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's management API, {@code <any prefix>/@connections/{id}}, as {@code ApiGatewayManagementApi}
 * clients call it: POST sends the body to the connection as one message, GET describes it, DELETE closes it.
 * Requests are signed with AWS Signature V4 (service {@code execute-api}, any region), the access key id
 * being an app key and the secret that app's secret; a connection of another app does not exist for the
 * caller. Errors carry API Gateway's {@code x-amzn-errortype} so the SDKs raise their typed exceptions.
 */
final class GatewayConnectionsApi implements HttpRoute {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayConnectionsApi.class);
  /** API Gateway's limit on PostToConnection data. */
  static final int MAX_POST_BYTES = 131_072;
  private static final Pattern PATH = Pattern.compile("^(.*)/(?:@|%40)connections/([^/]+)/?$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
  private final AppStore apps;
  private final GatewayConnectionOps ops;
  private final GatewayStats stats;
  private final SigV4Verifier verifier = new SigV4Verifier(Clock.systemUTC());

  GatewayConnectionsApi(AppStore apps, GatewayConnectionOps ops, GatewayStats stats) {
    this.apps = apps;
    this.ops = ops;
    this.stats = stats;
  }

  @Override
  public boolean matches(String rawPath) {
    return PATH.matcher(rawPath).matches();
  }

  @Override
  public void handle(HttpExchange x) {
    String id = connectionId(x.path());
    if (id == null) { // the path matched, so its id's escapes are malformed
      GatewayApiErrors.send(x, 400, "BadRequestException", "Invalid connection id");
      return;
    }
    String method = x.method();
    if (!method.equals("POST") && !method.equals("GET") && !method.equals("DELETE")) {
      GatewayApiErrors.send(x, 405, "MethodNotAllowedException", "Use POST, GET or DELETE on @connections");
      return;
    }
    String auth = x.header("Authorization");
    Matcher cred = auth == null ? null : CREDENTIAL.matcher(auth);
    if (cred == null || !cred.find()) {
      GatewayApiErrors.send(x, 403, "ForbiddenException", "Missing Authentication Token");
      return;
    }
    apps.findByKey(cred.group(1)).onComplete(ar -> {
      if (ar.failed()) {
        AppErrors.logLookupFailure(LOG, "@connections app lookup failed", ar.cause());
        GatewayApiErrors.send(x, 503, "ServiceUnavailableException", "The app store cannot be reached; retry");
        return;
      }
      App app = ar.result().orElse(null);
      SigV4Result checked = verifier.verify(
          new SignedRequest(method, x.path(), x.rawQuery(), x::headerJoined, x.body()),
          key -> app != null && key.equals(app.key()) ? app.secret() : null);
      if (checked instanceof SigV4Result.Invalid bad) {
        GatewayApiErrors.send(x, 403, "ForbiddenException", bad.message());
        return;
      }
      run(x, method, app.id(), id);
    });
  }

  /**
   * The connection id a raw {@code .../@connections/{id}} path names, decoded; null for any other path and for
   * an id whose escapes are malformed.
   */
  static String connectionId(String rawPath) {
    Matcher m = PATH.matcher(rawPath);
    return m.matches() ? UriComponent.decodeOrNull(m.group(2)) : null;
  }

  private void run(HttpExchange x, String method, String appId, String id) {
    stats.managementCall(method.toLowerCase(java.util.Locale.ROOT));
    switch (method) {
      case "POST" -> post(x, appId, id);
      case "GET" -> ops.info(appId, id).onComplete(ar -> {
        if (ar.failed()) {
          unavailable(x);
        } else {
          answerInfo(x, ar.result());
        }
      });
      default -> ops.delete(appId, id).onComplete(ar -> {
        if (ar.failed()) {
          unavailable(x);
        } else if (ar.result()) {
          x.respond(204, null, "", Map.of());
        } else {
          gone(x);
        }
      });
    }
  }

  private void post(HttpExchange x, String appId, String id) {
    byte[] body = x.body();
    if (body.length > MAX_POST_BYTES) {
      GatewayApiErrors.send(x, 413, "PayloadTooLargeException",
          "Request data is larger than " + MAX_POST_BYTES + " bytes");
      return;
    }
    if (!Utf8.valid(body)) {
      GatewayApiErrors.send(x, 400, "BadRequestException", "Data must be UTF-8 text");
      return;
    }
    ops.post(appId, id, OutboundMessage.ofJson(body)).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(x);
        return;
      }
      switch (ar.result()) {
        case SENT -> x.respond(200, "application/json", "{}", Map.of());
        case FULL -> GatewayApiErrors.send(x, 429, "LimitExceededException",
            "The connection cannot take more data now; retry later");
        case GONE -> gone(x);
      }
    });
  }

  private static void answerInfo(HttpExchange x, Optional<GatewayRegistry.Info> info) {
    if (info.isEmpty()) {
      gone(x);
      return;
    }
    GatewayRegistry.Info i = info.get();
    String json = "{\"connectedAt\":\"" + GatewayApiErrors.iso(i.connectedAtMillis()) + "\",\"lastActiveAt\":\""
        + GatewayApiErrors.iso(i.lastActiveAtMillis()) + "\",\"identity\":{\"sourceIp\":"
        + GatewayJson.quoted(i.sourceIp()) + ",\"userAgent\":"
        + (i.userAgent() == null ? "null" : GatewayJson.quoted(i.userAgent())) + "}}";
    x.respond(200, "application/json", json, Map.of());
  }

  /** The node holding the connection cannot be asked now; a POST may or may not have been delivered. */
  private static void unavailable(HttpExchange x) {
    GatewayApiErrors.send(x, 503, "ServiceUnavailableException",
        "The node holding the connection cannot be reached now; retry");
  }

  private static void gone(HttpExchange x) {
    GatewayApiErrors.send(x, 410, "GoneException", "The connection is gone");
  }
}
