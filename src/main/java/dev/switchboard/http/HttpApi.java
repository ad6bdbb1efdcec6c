package dev.switchboard.http;

import dev.switchboard.app.App;
import dev.switchboard.app.AppErrors;
import dev.switchboard.app.AppStore;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.core.ChannelNames;
import dev.switchboard.core.Hub;
import dev.switchboard.logging.LogSafe;
import dev.switchboard.ratelimit.RateDecision;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.transport.HttpExchange;
import dev.switchboard.transport.UriComponent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes HTTP requests: health endpoints and the Pusher API under {@code /apps/{id}/}. An API request is
 * read (bounded), its app looked up, its signature checked and its app's rate limit applied before the
 * endpoint runs.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private final ServerConfig config;
  private final AppStore apps;
  private final Hub hub;
  private final RateLimiter limiter;
  private final BooleanSupplier draining;
  private final BooleanSupplier brokerUp;
  /** Segments other parts of the server added under /apps/{id}/ (POST only). */
  private final Map<String, AppApiEndpoint> added = new ConcurrentHashMap<>();

  public HttpApi(ServerConfig config, AppStore apps, Hub hub, RateLimiter limiter, BooleanSupplier draining,
      BooleanSupplier brokerUp) {
    this.config = config;
    this.apps = apps;
    this.hub = hub;
    this.limiter = limiter;
    this.draining = draining;
    this.brokerUp = brokerUp;
  }

  /** Adds {@code POST /apps/{id}/<segment>}; before the server starts listening. */
  public void register(String segment, AppApiEndpoint endpoint) {
    added.put(segment, endpoint);
  }

  /** The answer of a health path ({@code /}, {@code /ready}, {@code /usage}), for this port and the metrics port. */
  public HealthAnswer health(String path) {
    return switch (path) {
      case "/ready" -> HealthEndpoint.ready(draining, brokerUp);
      case "/usage" -> HealthEndpoint.usage(hub);
      default -> HealthEndpoint.alive();
    };
  }

  /** Handles a request whose path has already had the server's path prefix removed. */
  public void handle(HttpExchange x, String path) {
    if (x.method().equals("OPTIONS")) {
      x.respond(204, null, "", HttpExchange.CORS);
      return;
    }
    switch (path) {
      case "/", "", "/ready", "/usage" -> {
        HealthAnswer h = health(path);
        x.respond(h.status(), h.contentType(), h.body(), HttpExchange.CORS);
      }
      default -> {
        if (path.startsWith("/apps/")) {
          api(x, path);
        } else {
          ApiResponses.error(x, new ApiException(404, "Not found"));
        }
      }
    }
  }

  private void api(HttpExchange x, String path) {
    long receivedNanos = System.nanoTime();
    String[] seg = path.substring("/apps/".length()).split("/", -1);
    String appId = decoded(seg[0]);
    Route route;
    try {
      if (appId == null) {
        throw new ApiException(400, "Malformed percent-encoding in the request path");
      }
      x.params(); // decoded once, here, so that a malformed query is refused as such
      route = route(x.method(), seg);
    } catch (IllegalArgumentException malformedQuery) {
      ApiResponses.error(x, new ApiException(400, "Malformed percent-encoding in the query string"));
      return;
    } catch (ApiException e) {
      ApiResponses.error(x, e);
      return;
    }
    ApiRequest[] authenticated = new ApiRequest[1];
    apps.findById(appId).compose(app -> {
          App a = app.orElseThrow(() -> new ApiException(404, "Unknown app " + appId));
          ApiAuth.verify(a, x.method(), x.path(), x.params(), x.body());
          ApiRequest r = new ApiRequest(x, a, hub.runtime(a), x.params(), x.body(), receivedNanos);
          authenticated[0] = r;
          return run(r, route);
        })
        .onSuccess(res -> ApiResponses.json(x, 200, res))
        .onFailure(err -> {
          if (authenticated[0] != null && err instanceof ApiException e) {
            authenticated[0].runtime().tap().error(null, null, e.status, x.method() + " " + path + ": "
                + e.getMessage());
          }
          fail(x, err);
        })
        .onComplete(ar -> count(authenticated[0], x));
  }

  /** The endpoint's answer once the app's rate limit lets it run. */
  private Future<Object> run(ApiRequest r, Route route) {
    return limit(r, route).compose(v -> {
      Object res = route.endpoint.apply(r);
      return res instanceof Future<?> f ? f.map(v2 -> (Object) v2) : Future.succeededFuture(res);
    });
  }

  /** The status and JSON body of an API answer. */
  public record Answer(int status, String json) {}

  /**
   * Answers {@code method path} of app {@code app} ({@code path} as below {@code /apps/{id}}, e.g. {@code
   * /events}) for a caller that has authenticated otherwise (the web console): the same routing, validation,
   * rate limits and publish path as a signed request, without the signature. Never fails: errors are answers
   * with their status, as the HTTP API gives them.
   */
  public Future<Answer> trusted(App app, String method, String path, MultiMap params, byte[] body) {
    long receivedNanos = System.nanoTime();
    String[] below = path.substring(1).split("/", -1);
    String[] seg = new String[below.length + 1]; // as api() splits /apps/{id}/...: the id first
    seg[0] = app.id();
    System.arraycopy(below, 0, seg, 1, below.length);
    ApiRequest r = new ApiRequest(null, app, hub.runtime(app), params, body, receivedNanos);
    Future<Object> res;
    try {
      res = run(r, route(method, seg));
    } catch (ApiException e) {
      res = Future.failedFuture(e);
    }
    return res.map(out -> new Answer(200, ApiResponses.encode(out))).recover(err -> {
      ApiException e = err instanceof ApiException a ? a : new ApiException(500, "Internal server error");
      if (!(err instanceof ApiException)) {
        LOG.error("console call {} {} for app_id={} failed", method, path, app.id(), err);
      }
      r.runtime().tap().error(null, null, e.status, method + " " + path + ": " + e.getMessage());
      return Future.succeededFuture(new Answer(e.status, ApiResponses.errorBody(e)));
    }).andThen(ar -> r.runtime().meters().apiCall(body.length, ar.result().json().length()));
  }

  /** Counts an authenticated call for its app once its response is written; unsigned calls count nowhere. */
  private static void count(ApiRequest r, HttpExchange x) {
    if (r != null) {
      r.runtime().meters().apiCall(r.body().length, x.responseBytes());
    }
  }

  private Future<Void> limit(ApiRequest r, Route route) {
    App a = r.app();
    int perSecond = route.write ? a.maxBackendEventsPerSecond() : a.maxReadRequestsPerSecond();
    if (perSecond < 0) {
      return Future.succeededFuture();
    }
    int points = route.points.apply(r);
    String bucket = a.id() + (route.write ? ":backend" : ":read");
    return limiter.consume(bucket, points, perSecond)
        .recover(err -> Future.succeededFuture(RateDecision.UNLIMITED)) // a limiter outage must not stop the API
        .compose(d -> d.allowed() ? Future.succeededFuture()
            : Future.failedFuture(new ApiException(429, "Rate limit of " + perSecond + " per second reached",
                d.retryAfterSeconds())));
  }

  private void fail(HttpExchange x, Throwable err) {
    if (err instanceof ApiException e) {
      ApiResponses.error(x, e);
    } else if (err instanceof dev.switchboard.app.AppException e) {
      AppErrors.logLookupFailure(LOG, "app store failed for " + LogSafe.text(x.path()), e);
      ApiResponses.error(x, new ApiException(503, "App store unavailable, try again later"));
    } else {
      LOG.error("request {} {} failed", x.method(), LogSafe.text(x.path()), err);
      ApiResponses.error(x, new ApiException(500, "Internal server error"));
    }
  }

  /** An endpoint and how it counts against the app's rate limits. */
  private record Route(Function<ApiRequest, Object> endpoint, boolean write, Function<ApiRequest, Integer> points) {
    static Route read(Function<ApiRequest, Object> e) {
      return new Route(e, false, r -> 1);
    }
  }

  private Route route(String m, String[] seg) {
    int n = seg.length;
    String what = n > 1 ? seg[1] : "";
    AppApiEndpoint extra = n == 2 ? added.get(what) : null;
    if (extra != null) {
      need(m, "POST");
      return new Route(r -> extra.handle(r.runtime(), r.body()), true, r -> 1);
    }
    if (n == 2 && what.equals("events")) {
      need(m, "POST");
      return new Route(EventsEndpoint::events, true, r -> EventsEndpoint.points(r, false));
    }
    if (n == 2 && what.equals("batch_events")) {
      need(m, "POST");
      return new Route(EventsEndpoint::batch, true, r -> EventsEndpoint.points(r, true));
    }
    if (n == 2 && what.equals("channels")) {
      need(m, "GET");
      return Route.read(ChannelsEndpoint::list);
    }
    if (n >= 3 && what.equals("channels")) {
      String name = decodedSegment(seg[2]);
      if (!ChannelNames.valid(name)) {
        // a decoded name with a slash, a NUL or a control character names no channel; as events refuse it
        throw new ApiException(400, "The channel name contains characters that are not allowed");
      }
      if (n == 3) {
        need(m, "GET");
        return Route.read(r -> ChannelsEndpoint.one(r, name));
      }
      if (n == 4 && seg[3].equals("users")) {
        need(m, "GET");
        return Route.read(r -> ChannelsEndpoint.users(r, name));
      }
    }
    if (n == 4 && what.equals("users") && seg[3].equals("terminate_connections")) {
      need(m, "POST");
      String user = decodedSegment(seg[2]);
      return new Route(r -> UsersEndpoint.terminate(r, user), true, r -> 1);
    }
    throw new ApiException(404, "Unknown API endpoint");
  }

  private static String decoded(String segment) {
    return UriComponent.decodeOrNull(segment);
  }

  private static String decodedSegment(String segment) {
    String s = decoded(segment);
    if (s == null) {
      throw new ApiException(400, "Malformed percent-encoding in the request path");
    }
    return s;
  }

  private static void need(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new ApiException(405, "Use " + expected + " for this endpoint");
    }
  }
}
