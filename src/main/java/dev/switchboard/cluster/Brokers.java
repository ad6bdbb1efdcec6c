package dev.switchboard.cluster;

import dev.switchboard.cluster.nats.NatsTransport;
import dev.switchboard.cluster.redis.RedisTransport;
import dev.switchboard.core.Hub;
import io.vertx.core.Vertx;

/** The one place that maps {@code adapter.driver} to a transport; {@code local} means no cluster. */
public final class Brokers {
  private Brokers() {}

  /** The broker for the configured driver, or null for {@code local}. */
  public static ClusterBroker create(Vertx vertx, ClusterConfig config, Hub hub) {
    ClusterTransport transport = switch (config.driver()) {
      case "local" -> null;
      case "redis" -> new RedisTransport(vertx, config.redisUrl(), config.prefix());
      case "nats" -> new NatsTransport(vertx, config.natsServers(), config.natsUser(), config.natsPassword(),
          config.natsToken(), config.prefix());
      default -> throw new ClusterException("adapter.driver " + config.driver() + " is not supported");
    };
    return transport == null ? null : new ClusterBroker(vertx, config, transport, hub);
  }
}
