package dev.switchboard.cluster;

import org.junit.jupiter.api.BeforeAll;

/** The cluster contract over NATS. */
class NatsClusterIT extends ClusterContract {
  @BeforeAll
  static void start() throws Exception {
    broker = BrokerProcess.nats();
    startNodes("nats", dev.switchboard.NodeProcess.env("NATS_URL", "nats://127.0.0.1:" + broker.port()));
  }
}
