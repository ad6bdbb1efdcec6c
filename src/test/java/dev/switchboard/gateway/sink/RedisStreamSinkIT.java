package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract on the machine's Redis (127.0.0.1:6379), read back with a consumer group (XREADGROUP). */
class RedisStreamSinkIT extends GatewaySinkContract {
  static final String URL = "redis://127.0.0.1:6379";

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "redis_stream").put("url", URL).put("stream", name);
  }

  @Override
  protected ObjectNode unreachableConfig(int closedPort) {
    return config("gw-unreachable").put("url", "redis://127.0.0.1:" + closedPort);
  }

  @Override
  protected Probe probe(String stream) throws Exception {
    Redis redis = Redis.createClient(vertx, URL);
    await(redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg("workers").arg("0")
        .arg("MKSTREAM")));
    return new Probe() {
      @Override
      public Received next() throws Exception {
        Response r = await(redis.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg("workers").arg("c1")
            .arg("COUNT").arg(1).arg("BLOCK").arg(TIMEOUT_S * 1000).arg("STREAMS").arg(stream).arg(">")));
        assertTrue(r != null && r.containsKey(stream), "no entry in " + stream + ": " + r);
        Response fields = r.get(stream).get(0).get(1); // RESP3: {stream: [[id, [field, value, ...]]]}
        Map<String, String> all = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i += 2) {
          all.put(fields.get(i).toString(), fields.get(i + 1).toString());
        }
        return new Received(all.remove("body"), all);
      }

      @Override
      public void close() throws Exception {
        await(redis.close());
      }
    };
  }

  @Override
  protected void cleanup(Set<String> names) throws Exception {
    Redis redis = Redis.createClient(vertx, URL);
    for (String n : names) {
      await(redis.send(Request.cmd(Command.DEL).arg(n)));
    }
    await(redis.close());
  }

  @Test
  void fieldsAreTheBodyThenTheAttributesInOrderAndMaxLenTrims() throws Exception {
    String name = newName();
    Probe p = open(name);
    GatewaySink s = sink(config(name).put("max_len", 1));
    GatewayMessage m = message("{\"a\":1}");
    await(s.send(m));
    Received got = p.next();
    assertEquals(java.util.List.of("source", "user_id", "connection_id", "app_id", "timestamp"),
        java.util.List.copyOf(got.attributes().keySet()));
    Redis redis = Redis.createClient(vertx, URL);
    try {
      for (int i = 0; i < 300; i++) {
        await(s.send(message("{\"i\":" + i + "}")));
      }
      long len = await(redis.send(Request.cmd(Command.XLEN).arg(name))).toLong();
      assertTrue(len < 301, "MAXLEN ~ 1 trims whole nodes; length " + len);
    } finally {
      await(redis.close());
    }
  }
}
