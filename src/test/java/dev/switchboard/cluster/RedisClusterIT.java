package dev.switchboard.cluster;

import org.junit.jupiter.api.BeforeAll;

/** The cluster contract over Redis pub/sub. */
class RedisClusterIT extends ClusterContract {
  @BeforeAll
  static void start() {
    broker = BrokerProcess.redis();
    startNodes("redis", dev.switchboard.NodeProcess.env("REDIS_URL", "redis://127.0.0.1:" + broker.port()));
  }
}
