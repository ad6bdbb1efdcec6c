package dev.switchboard.gateway.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The contract on the machine's Redis with a real SUBSCRIBE-er. Pub/sub has no attributes, so the sink always
 * sends the envelope and the contract checks the attributes inside it.
 */
class RedisPubSubSinkIT extends GatewaySinkContract {
  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "redis_pubsub").put("url", RedisStreamSinkIT.URL)
        .put("channel", name);
  }

  @Override
  protected ObjectNode unreachableConfig(int closedPort) {
    return config("gw-unreachable").put("url", "redis://127.0.0.1:" + closedPort);
  }

  @Override
  protected boolean nativeAttributes() {
    return false;
  }

  @Override
  protected Probe probe(String channel) throws Exception {
    Redis redis = Redis.createClient(vertx, RedisStreamSinkIT.URL);
    RedisConnection sub = await(redis.connect());
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    sub.handler(r -> {
      if (r.size() == 3 && "message".equals(r.get(0).toString())) {
        got.add(r.get(2).toString());
      }
    });
    await(sub.send(Request.cmd(Command.SUBSCRIBE).arg(channel)));
    return new Probe() {
      @Override
      public Received next() throws Exception {
        String body = got.poll(TIMEOUT_S, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertNotNull(body, "nothing published on " + channel);
        return new Received(body, Map.of());
      }

      @Override
      public void close() throws Exception {
        sub.close();
        await(redis.close());
      }
    };
  }
}
