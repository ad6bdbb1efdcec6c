package dev.switchboard.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppStore;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Hub;
import dev.switchboard.http.HttpApi;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /console/api/...}: every call authenticated first ({@link ConsoleAccess}), then routed. Per app: {@code
 * stats}, {@code channels}, {@code channels/{name}/users} and {@code events} answer exactly as the HTTP API's
 * endpoints do (they run them, see {@link HttpApi#trusted}); {@code stream} is the live feed. {@code session}
 * says who is logged in, {@code apps} lists the apps this user may see. App management lives in {@link
 * ConsoleAppAdmin}; {@code tabs/{name}} answers a dialect's {@link ConsoleTab}.
 */
final class ConsoleApi {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
  /** Largest request body read (an event's data is limited far below it by the app anyway). */
  static final int MAX_BODY_BYTES = 1 << 20;
  private final Vertx vertx;
  private final AppStore apps;
  private final Hub hub;
  private final HttpApi api;
  private final ConsoleAccess access;
  private final ConsoleWatchers watchers;
  private final ConsoleAppAdmin admin;
  private final String driver;
  private final List<ConsoleTab> tabs;
  /** Null on a single node. */
  private final ConsoleCluster cluster;

  ConsoleApi(Vertx vertx, AppStore apps, Hub hub, HttpApi api, ConsoleAccess access, ConsoleWatchers watchers,
      String driver, List<ConsoleTab> tabs, ConsoleCluster cluster) {
    this.vertx = vertx;
    this.apps = apps;
    this.hub = hub;
    this.api = api;
    this.access = access;
    this.watchers = watchers;
    this.driver = driver;
    this.tabs = List.copyOf(tabs);
    this.cluster = cluster;
    this.admin = new ConsoleAppAdmin(apps, driver);
  }

  /** Answers {@code req}; {@code path} is what follows {@code /console/api/}. */
  void handle(HttpServerRequest req, String path) {
    Context ctx = vertx.getOrCreateContext(); // the request's: answers and the feed are written from here
    String[] seg = path.split("/", -1);
    read(req)
        .compose(body -> access.check(req.getHeader("Authorization")).transform(ar -> hop(ctx, ar))
            .compose(user -> route(req, seg, user, body, ctx)))
        .transform(ar -> hop(ctx, ar))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            if (ar.result() != null) { // null: the route answered itself (the stream)
              json(req, ar.result().status(), ar.result().json());
            }
          } else if (ar.cause() instanceof ConsoleException e) {
            json(req, e.status, error(e.status, e.getMessage()));
          } else {
            LOG.error("console call {} {} failed", req.method(), req.path(), ar.cause());
            json(req, 500, error(500, "Internal server error"));
          }
        });
  }

  /** {@code ar} again, completed on {@code ctx}: app store and broker futures complete on threads of their own. */
  private static <T> Future<T> hop(Context ctx, AsyncResult<T> ar) {
    Promise<T> p = Promise.promise();
    ctx.runOnContext(v -> p.handle(ar));
    return p.future();
  }

  private Future<HttpApi.Answer> route(HttpServerRequest req, String[] seg, ConsoleUser user, byte[] body,
      Context ctx) {
    HttpMethod m = req.method();
    if (seg.length == 1 && seg[0].equals("session")) {
      ObjectNode n = ConsoleLog.JSON.createObjectNode().put("role", user.admin() ? "admin" : "app");
      n.put("app_id", user.appId()).put("store", driver).put("store_writable", admin.writable());
      ArrayNode names = n.putArray("tabs");
      tabs.forEach(t -> names.addObject().put("name", t.name()).put("title", t.title()));
      return ok(n.toString());
    }
    if (seg.length == 1 && seg[0].equals("apps")) {
      if (m == HttpMethod.POST) {
        return adminOnly(user).compose(v -> admin.create(body));
      }
      return list(user);
    }
    if (seg.length < 2 || !seg[0].equals("apps")) {
      throw new ConsoleException(404, "Unknown console API path");
    }
    String id = decode(seg[1]);
    if (!user.mayUse(id)) {
      throw new ConsoleException(403, "This credential is for another app");
    }
    String rest = seg.length == 2 ? "" : seg[2];
    if (rest.equals("rotate_secret")) {
      need(m, HttpMethod.POST);
      return adminOnly(user).compose(v -> admin.rotateSecret(id));
    }
    if (rest.isEmpty()) {
      return adminOnly(user).compose(v -> m == HttpMethod.GET ? admin.get(id)
          : m == HttpMethod.DELETE ? admin.delete(id) : admin.update(id, body));
    }
    return app(id).transform(ar -> hop(ctx, ar)).compose(app -> switch (rest) {
      case "stats" -> ok(new ConsoleStats(hub.runtime(app)).sample().toString());
      case "stream" -> {
        ConsoleStream.open(vertx, req.response(), watchers, cluster, hub.runtime(app));
        yield Future.succeededFuture(null);
      }
      case "events" -> {
        need(m, HttpMethod.POST);
        yield api.trusted(app, "POST", "/events", MultiMap.caseInsensitiveMultiMap(), body);
      }
      case "channels" -> {
        need(m, HttpMethod.GET);
        StringBuilder sub = new StringBuilder("/channels");
        for (int i = 3; i < seg.length; i++) {
          sub.append('/').append(seg[i]);
        }
        yield api.trusted(app, "GET", sub.toString(), req.params(), new byte[0]);
      }
      case "tabs" -> ok(tab(seg.length == 4 ? seg[3] : "", hub.runtime(app)));
      default -> throw new ConsoleException(404, "Unknown console API path");
    });
  }

  private String tab(String name, AppRuntime rt) {
    for (ConsoleTab t : tabs) {
      if (t.name().equals(name)) {
        ObjectNode res = ConsoleLog.JSON.createObjectNode();
        res.putArray("rows").addAll(t.rows().apply(rt));
        return res.toString();
      }
    }
    throw new ConsoleException(404, "No console tab " + name);
  }

  /** The apps {@code user} may see, without their secrets. */
  private Future<HttpApi.Answer> list(ConsoleUser user) {
    Future<List<ObjectNode>> all = user.admin() && apps instanceof AppAdmin a ? a.list()
        : app(user.admin() ? "" : user.appId()).map(app -> List.of(ConsoleLog.JSON.createObjectNode()
            .put("id", app.id()).put("key", app.key()).put("enabled", app.enabled())));
    return all.map(defs -> {
      ObjectNode res = ConsoleLog.JSON.createObjectNode();
      ArrayNode out = res.putArray("apps");
      for (ObjectNode d : defs) {
        ObjectNode o = d.deepCopy();
        o.remove("secret");
        out.add(o);
      }
      return new HttpApi.Answer(200, res.toString());
    });
  }

  private Future<App> app(String id) {
    return apps.findById(id)
        .recover(err -> Future.failedFuture(new ConsoleException(503, "App store unavailable, try again later")))
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(new ConsoleException(404, "No app with id " + id))));
  }

  private static Future<Void> adminOnly(ConsoleUser user) {
    return user.admin() ? Future.succeededFuture()
        : Future.failedFuture(new ConsoleException(403, "Only the console token manages apps"));
  }

  /**
   * The request's body, at most {@link #MAX_BODY_BYTES}, read before anything else (so nothing touches the
   * request off its loop later); empty for GET and for a request that announces none.
   */
  private static Future<byte[]> read(HttpServerRequest req) {
    if (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD) {
      return Future.succeededFuture(new byte[0]);
    }
    String len = req.getHeader("Content-Length");
    if (len == null) {
      return req.getHeader("Transfer-Encoding") == null ? Future.succeededFuture(new byte[0])
          : Future.failedFuture(new ConsoleException(411, "Send the body with a Content-Length"));
    }
    if (!len.matches("\\d{1,12}") || Long.parseLong(len) > MAX_BODY_BYTES) {
      return Future.failedFuture(new ConsoleException(413, "Request body is larger than 1 MB"));
    }
    return req.body().map(Buffer::getBytes);
  }

  private static void need(HttpMethod actual, HttpMethod expected) {
    if (actual != expected) {
      throw new ConsoleException(405, "Use " + expected + " for this path");
    }
  }

  private static Future<HttpApi.Answer> ok(String json) {
    return Future.succeededFuture(new HttpApi.Answer(200, json));
  }

  private static String decode(String s) {
    return QueryStringDecoder.decodeComponent(s);
  }

  static String error(int status, String message) {
    return ConsoleLog.JSON.createObjectNode().put("error", message).put("code", status).toString();
  }

  private static void json(HttpServerRequest req, int status, String body) {
    if (req.response().ended()) {
      return;
    }
    ConsoleAssets.secure(req.response()).setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(body);
  }
}
