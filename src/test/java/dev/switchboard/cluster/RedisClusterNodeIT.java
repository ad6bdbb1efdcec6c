package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TestServer;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis Cluster is not supported by the rate limiter and the event cache (their keys would get MOVED):
 * pointed at a cluster node, the server refuses to start and says which setting is at fault.
 */
class RedisClusterNodeIT {
  @Test
  void rateLimiterAndCacheOnARedisClusterNodeStopTheStartNamingTheKey() throws Exception {
    String conf = Files.createTempDirectory("redis-cluster").resolve("nodes.conf").toString();
    BrokerProcess node = BrokerProcess.redis("--cluster-enabled", "yes", "--cluster-config-file", conf);
    try {
      String limiter = "\"rate_limiter\":{\"driver\":\"redis\"}";
      String cache = "\"cache\":{\"driver\":\"redis\"}";
      for (String section : new String[] {limiter, cache}) {
        String json = """
            {"host":"127.0.0.1","port":0,"event_loops":1,%s,
             "database":{"redis":{"host":"127.0.0.1","port":%d}}}
            """.formatted(section, node.port());
        Exception e = assertThrows(IllegalStateException.class, () -> TestServer.start(json, Map.of()).close());
        String key = section.contains("rate_limiter") ? "rate_limiter.driver" : "cache.driver";
        String msg = rootMessage(e);
        assertTrue(msg.startsWith(key + "=redis needs a standalone Redis") && msg.contains("Redis Cluster node"),
            msg);
      }
    } finally {
      node.close();
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage();
  }
}
