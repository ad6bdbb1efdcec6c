package dev.switchboard.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on SQS, served by ElasticMQ in this JVM on 127.0.0.1. */
class SqsJobQueueIT extends JobQueueContract {
  private static SQSRestServer sqs;
  private static int port;

  @BeforeAll
  static void startElasticMq() {
    sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    port = sqs.waitUntilStarted().localAddress().getPort();
  }

  @AfterAll
  static void stopElasticMq() {
    sqs.stopAndWait();
  }

  @Override
  protected ObjectNode driverConfig() {
    ObjectNode n = JSON.createObjectNode().put("driver", "sqs");
    n.putObject("sqs").put("endpoint", "http://127.0.0.1:" + port).put("region", "elasticmq")
        .put("wait_time_seconds", 1).put("access_key_id", "x").put("secret_access_key", "x");
    return n;
  }
}
