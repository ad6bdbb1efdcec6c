package dev.switchboard.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The contract on Redis streams (the machine's Redis on 127.0.0.1:6379). */
class RedisStreamJobQueueIT extends JobQueueContract {
  static final String URL = "redis://127.0.0.1:6379/0";

  @Override
  protected ObjectNode driverConfig() {
    ObjectNode n = JSON.createObjectNode().put("driver", "redis");
    n.putObject("redis").put("url", URL);
    return n;
  }

  @Override
  protected void cleanup(Set<String> topics) throws Exception {
    Redis redis = Redis.createClient(vertx, URL);
    try {
      for (String t : topics) {
        redis.send(Request.cmd(Command.DEL).arg(prefix + ":queue:" + t)).await(10, TimeUnit.SECONDS);
      }
    } finally {
      redis.close();
    }
  }
}
