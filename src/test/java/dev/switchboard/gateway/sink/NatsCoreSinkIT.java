package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on the machine's NATS (127.0.0.1:4222) with a core subscription made before the send. */
class NatsCoreSinkIT extends GatewaySinkContract {
  static final String URL = "nats://127.0.0.1:4222";
  static Connection nc;

  @BeforeAll
  static void connect() throws Exception {
    nc();
  }

  @AfterAll
  static synchronized void disconnect() throws Exception {
    if (nc != null) {
      nc.close();
    }
    nc = null;
  }

  /** A connection for test bookkeeping, opened on first use when this class's own is not open. */
  static synchronized Connection nc() throws Exception {
    if (nc == null) {
      nc = Nats.connect(URL);
    }
    return nc;
  }

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "nats").put("url", URL).put("subject", "gateway.publish." + name);
  }

  @Override
  protected ObjectNode unreachableConfig(int closedPort) {
    return config("unreachable").put("url", "nats://127.0.0.1:" + closedPort);
  }

  @Override
  protected Probe probe(String name) throws Exception {
    Subscription sub = nc().subscribe("gateway.publish." + name);
    nc.flush(Duration.ofSeconds(TIMEOUT_S));
    return new Probe() {
      @Override
      public Received next() throws Exception {
        return received(sub.nextMessage(Duration.ofSeconds(TIMEOUT_S)));
      }

      @Override
      public void close() {
        sub.unsubscribe();
      }
    };
  }

  static Received received(Message m) {
    assertNotNull(m, "no message");
    Map<String, String> attrs = new LinkedHashMap<>();
    if (m.getHeaders() != null) {
      m.getHeaders().forEach((k, v) -> attrs.put(k, v.get(0)));
    }
    return new Received(new String(m.getData(), StandardCharsets.UTF_8), attrs);
  }
}
