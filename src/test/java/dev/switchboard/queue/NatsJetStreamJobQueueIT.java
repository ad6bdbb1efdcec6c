package dev.switchboard.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.util.Set;

/** The contract on NATS JetStream (the machine's nats-server -js on 127.0.0.1:4222). */
class NatsJetStreamJobQueueIT extends JobQueueContract {
  static final String URL = "nats://127.0.0.1:4222";

  @Override
  protected ObjectNode driverConfig() {
    ObjectNode n = JSON.createObjectNode().put("driver", "nats");
    n.putObject("nats").put("servers", URL);
    return n;
  }

  @Override
  protected void cleanup(Set<String> topics) throws Exception {
    Connection nc = Nats.connect(URL);
    try {
      for (String t : topics) {
        try {
          nc.jetStreamManagement().deleteStream(prefix + "_" + t);
        } catch (JetStreamApiException e) {
          // never created
        }
      }
    } finally {
      nc.close();
    }
  }
}
