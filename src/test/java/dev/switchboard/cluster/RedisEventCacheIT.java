package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With cache.driver=redis a node that starts after an event was published still replays it. */
class RedisEventCacheIT {
  static BrokerProcess redis;
  static String json;

  @BeforeAll
  static void start() {
    redis = BrokerProcess.redis();
    json = """
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":100,
         "cache":{"driver":"redis"},
         "database":{"redis":{"host":"127.0.0.1","port":%d,"key_prefix":"cache-it"}}}
        """.formatted(redis.port());
  }

  @AfterAll
  static void stop() throws Exception {
    redis.close();
  }

  @Test
  void aNodeStartedLaterReplaysTheLastEventFromRedis() throws Exception {
    try (TestServer first = TestServer.start(json, Map.of())) {
      com.pusher.rest.Pusher api = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
      api.setHost(first.hostPort());
      api.setEncrypted(false);
      api.trigger("cache-score", "goal", Map.of("home", 2));
    }
    try (TestServer later = TestServer.start(json, Map.of());
        RawSocket s = RawSocket.pusher(later.port(), "app-key")) {
      s.socketId();
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"cache-score\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      assertEquals("{\"home\":2}", s.expect("goal").get("data").asText());
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"cache-empty\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      s.expect("pusher:cache_miss");
    }
  }
}
