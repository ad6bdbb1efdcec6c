package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.rest.data.Result;
import dev.switchboard.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With rate_limiter.driver=redis, an app's backend event limit holds across nodes, not per node. */
class RedisRateLimiterIT {
  static BrokerProcess redis;
  static TestServer a;
  static TestServer b;

  @BeforeAll
  static void start() {
    redis = BrokerProcess.redis();
    String json = """
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":100,
         "rate_limiter":{"driver":"redis"},
         "database":{"redis":{"host":"127.0.0.1","port":%d,"key_prefix":"rl-it"}},
         "app_manager":{"array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret",
           "max_backend_events_per_second":5}]}}}
        """.formatted(redis.port());
    a = TestServer.start(json, Map.of());
    b = TestServer.start(json, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    a.close();
    b.close();
    redis.close();
  }

  @Test
  void backendEventLimitIsSharedByAllNodes() throws Exception {
    com.pusher.rest.Pusher[] apis = {a.api(), b.api()};
    int allowed = 0;
    int limited = 0;
    long start = System.currentTimeMillis();
    for (int i = 0; i < 20; i++) {
      Result r = apis[i % 2].trigger("c", "e", Map.of("i", i));
      if (r.getHttpStatus() == 429) {
        limited++;
      } else if (r.getStatus() == Result.Status.SUCCESS) {
        allowed++;
      }
    }
    long seconds = (System.currentTimeMillis() - start) / 1000 + 2; // windows the burst could touch
    assertTrue(allowed <= 5 * seconds, allowed + " allowed in at most " + seconds + " one-second windows");
    assertTrue(limited > 0, "the shared limit refused some of the burst");
  }
}
