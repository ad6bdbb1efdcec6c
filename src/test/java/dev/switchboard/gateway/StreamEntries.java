package dev.switchboard.gateway;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads what the gateway's Redis stream sinks wrote, as a backend consumer would see it. */
final class StreamEntries implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");

  /** Every entry of {@code stream} as its field map, in stream order. */
  List<Map<String, String>> all(String stream) throws Exception {
    Response r = redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+")).await(5, TimeUnit.SECONDS);
    List<Map<String, String>> out = new ArrayList<>();
    for (Response entry : r) {
      Map<String, String> fields = new HashMap<>();
      Response kv = entry.get(1);
      for (int i = 0; i + 1 < kv.size(); i += 2) {
        fields.put(kv.get(i).toString(), kv.get(i + 1).toString());
      }
      out.add(fields);
    }
    return out;
  }

  /** The entries that match {@code which}, once there are at least {@code n} of them or 10 s have passed. */
  List<Map<String, String>> await(String stream, Predicate<Map<String, String>> which, int n) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      List<Map<String, String>> found = all(stream).stream().filter(which).toList();
      if (found.size() >= n || System.currentTimeMillis() > deadline) {
        return found;
      }
      Thread.sleep(50); // polling a backend the test does not drive; the deadline bounds it
    }
  }

  void delete(String... streams) throws Exception {
    Request del = Request.cmd(Command.DEL);
    for (String s : streams) {
      del.arg(s);
    }
    redis.send(del).await(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }
}
