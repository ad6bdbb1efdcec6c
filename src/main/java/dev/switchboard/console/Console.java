package dev.switchboard.console;

import dev.switchboard.app.AppStore;
import dev.switchboard.cluster.NodeRequests;
import dev.switchboard.core.Hub;
import dev.switchboard.http.HttpApi;
import dev.switchboard.webhook.Webhooks;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The web console as the metrics server serves it: {@code /console/} the page, {@code /console/api/...} its API.
 * Created only when {@code console.enabled} is true.
 */
public final class Console {
  private final ConsoleAssets assets = new ConsoleAssets();
  private final ConsoleApi api;

  /**
   * {@code tabs}: the enabled dialects' own tabs (signaling topics, gateway connections); {@code nodes} and
   * {@code nodeId}: the cluster's node-to-node requests and this node's id, both null on a single node.
   */
  public Console(Vertx vertx, ConsoleConfig config, AppStore apps, Hub hub, HttpApi httpApi, Webhooks webhooks,
      String storeDriver, List<ConsoleTab> tabs, NodeRequests nodes, String nodeId) {
    ConsoleWatchers watchers = new ConsoleWatchers(hub, config.logSize());
    webhooks.observe(watchers);
    ConsoleCluster cluster = nodes == null ? null : new ConsoleCluster(vertx, nodes, nodeId, hub, watchers);
    this.api = new ConsoleApi(vertx, apps, hub, httpApi, new ConsoleAccess(apps, config.token()), watchers,
        storeDriver, tabs, cluster);
  }

  /** Answers {@code req} when {@code path} (without the server's prefix) is the console's; else false. */
  public boolean handle(HttpServerRequest req, String path) {
    if (path.equals("/console")) {
      req.response().setStatusCode(302).putHeader("Location", "console/").end(); // so relative URLs resolve
      return true;
    }
    if (!path.startsWith("/console/")) {
      return false;
    }
    String rest = path.substring("/console/".length());
    if (rest.startsWith("api/")) {
      api.handle(req, rest.substring(4));
      return true;
    }
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD
        || !assets.serve(rest.isEmpty() ? "index.html" : rest, req.response())) {
      ConsoleAssets.secure(req.response()).setStatusCode(404).putHeader("Content-Type", "application/json")
          .end(ConsoleApi.error(404, "Not found"));
    }
    return true;
  }
}
