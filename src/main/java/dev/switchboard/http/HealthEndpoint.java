package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Hub;
import java.util.function.BooleanSupplier;

/** {@code /} (alive), {@code /ready} (500 while draining) and {@code /usage} (memory, as soketi reports it). */
final class HealthEndpoint {
  private HealthEndpoint() {}

  static HealthAnswer alive() {
    return new HealthAnswer(200, "text/plain", "OK");
  }

  /** 500 while draining (the load balancer should stop sending), 503 while the cluster broker is down. */
  static HealthAnswer ready(BooleanSupplier draining, BooleanSupplier brokerUp) {
    if (draining.getAsBoolean()) {
      return new HealthAnswer(500, "text/plain", "Server is shutting down");
    }
    if (!brokerUp.getAsBoolean()) {
      return new HealthAnswer(503, "text/plain", "Cluster broker unreachable: serving local clients only");
    }
    return new HealthAnswer(200, "text/plain", "OK");
  }

  /** Memory and connections, plus each app's connections and occupied channels on this node. */
  static HealthAnswer usage(Hub hub) {
    Runtime rt = Runtime.getRuntime();
    long total = rt.maxMemory();
    long used = rt.totalMemory() - rt.freeMemory();
    ObjectNode res = ApiResponses.JSON.createObjectNode();
    ObjectNode mem = res.putObject("memory");
    mem.put("free", total - used).put("used", used).put("total", total).put("percent", used * 100.0 / total);
    res.put("connections", hub.connectionCount());
    ObjectNode apps = res.putObject("apps");
    for (AppRuntime app : hub.runtimes()) {
      apps.putObject(app.id()).put("connections", app.connectionCount())
          .put("channels", app.localChannels().size());
    }
    return new HealthAnswer(200, "application/json", res.toString());
  }
}
