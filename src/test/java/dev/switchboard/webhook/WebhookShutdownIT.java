package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pusher.client.Pusher;
import dev.switchboard.TestServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop with a durable queue (Redis streams on the machine's Redis) while a slow receiver is
 * still answering: the deliveries under way finish and are acknowledged, so nothing is left in the stream
 * to be sent again by the next node to start (as on every rolling deploy).
 */
class WebhookShutdownIT {
  private static final String REDIS = "redis://127.0.0.1:6379/0";

  @Test
  void deliveriesUnderWayAtShutdownAreAcknowledgedNotLeftForRedelivery() throws Exception {
    String prefix = "sbhook" + UUID.randomUUID().toString().substring(0, 8);
    Vertx vertx = Vertx.vertx();
    Redis redis = Redis.createClient(vertx, REDIS);
    try (WebhookReceiver receiver = new WebhookReceiver("app-id", "app-key", "app-secret")) {
      receiver.delay(1_000);
      String config = """
          {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":5000,
           "queue":{"driver":"redis","prefix":"%s","redelivery_ms":60000,"redis":{"url":"%s"}},
           "app_manager":{"driver":"memory","array":{"apps":[
             {"id":"app-id","key":"app-key","secret":"app-secret",
              "webhooks":[{"url":"%s","event_types":["channel_occupied","channel_vacated"]}]}]}}}
          """.formatted(prefix, REDIS, receiver.url("/hook"));
      TestServer server = TestServer.start(config, Map.of());
      Pusher p = new Clients(server.port()).connect("u");
      Clients.subscribe(p, "slow");
      receiver.awaitRequests(1); // channel_occupied is being delivered: the receiver answers in 1 s
      p.disconnect(); // channel_vacated joins it
      receiver.awaitRequests(2);
      server.close(); // while both deliveries wait for their answers
      receiver.await(e -> e.name().equals("channel_occupied"));
      receiver.await(e -> e.name().equals("channel_vacated"));
      String stream = prefix + ":queue:" + Webhooks.TOPIC;
      assertEquals(0, redis.send(Request.cmd(Command.XLEN).arg(stream)).await(10, TimeUnit.SECONDS).toInteger(),
          "jobs delivered before the stop are still in the stream and would be sent again");
    } finally {
      redis.send(Request.cmd(Command.DEL).arg(prefix + ":queue:" + Webhooks.TOPIC)).await(10, TimeUnit.SECONDS);
      redis.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
