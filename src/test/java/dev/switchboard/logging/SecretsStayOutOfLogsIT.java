package dev.switchboard.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.switchboard.NodeProcess;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import dev.switchboard.testing.ElasticMq;
import dev.switchboard.testing.HttpWire;
import dev.switchboard.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every secret the server is given — app secrets, JWT HMAC secrets, passwords in store and broker URLs and keys,
 * SQS and Lambda keys, a webhook's basic-auth URL and header — stays out of everything it logs (at DEBUG too) and
 * out of the errors a failed start reports, while traffic fails in every way it can: bad signatures and tokens,
 * unreachable webhooks, stores and brokers.
 */
class SecretsStayOutOfLogsIT {
  private static final List<String> SECRETS = List.of("APPSECRET-1f2e3d", "HOOKPASS-7a8b9c", "HOOKHEADER-4d5e6f",
      "LAMBDASECRET-0a1b2c", "SIGNALINGHMAC-0123456789abcdef0123456789", "GATEWAYHMAC-0123456789abcdef0123456789ab",
      "SQSSECRET-9f8e7d", "REDISPASS-ADAPTER", "NATSPASS-URL", "NATSPASS-KEY", "NATSTOKEN-1", "RABBITPASS-1",
      "QNATSPASS-1", "QREDISPASS-1", "MYSQLPASS-1", "PGPASS-1", "DBREDISPASS-1", "BADURLPASS-1");
  private LogCapture logs;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private PrintStream out;
  private PrintStream err;
  private Level rootLevel;
  private final List<String> startErrors = new ArrayList<>();

  @BeforeEach
  void capture() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs = new LogCapture();
    out = System.out;
    err = System.err;
    // what libraries print themselves (not through the log) is checked too
    System.setOut(new PrintStream(new Tee(out, printed), true));
    System.setErr(new PrintStream(new Tee(err, printed), true));
  }

  @AfterEach
  void assertNoSecretAnywhere() {
    System.setOut(out);
    System.setErr(err);
    logs.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(rootLevel);
    List<String> everything = new ArrayList<>(logs.everything());
    everything.add(printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    everything.addAll(startErrors);
    for (String line : everything) {
      for (String secret : SECRETS) {
        assertTrue(!line.contains(secret), "secret " + secret + " in: " + line);
      }
    }
    assertTrue(everything.size() > 5, "hardly anything was logged: the capture is not working " + everything);
  }

  @Test
  void aRunningServerUnderFailingTrafficLogsNoSecret() throws Exception {
    int closed = NodeProcess.freePort();
    try (ElasticMq sqs = new ElasticMq(); TestServer server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,
         "webhooks":{"retry":{"initial_delay_ms":50,"max_delay_ms":100,"max_elapsed_ms":400},"timeout_ms":500},
         "queue":{"driver":"sqs","sqs":{"endpoint":"%s","region":"us-east-1","access_key_id":"AKIASQS00000000001",
           "secret_access_key":"SQSSECRET-9f8e7d","wait_time_seconds":1}},
         "signaling":{"auth":{"hmac_secret":"SIGNALINGHMAC-0123456789abcdef0123456789"}},
         "gateway":{"auth":{"hmac_secret":"GATEWAYHMAC-0123456789abcdef0123456789ab"}},
         "app_manager":{"driver":"memory","array":{"apps":[{"id":"app-id","key":"app-key",
           "secret":"APPSECRET-1f2e3d","webhooks":[
            {"url":"http://hookuser:HOOKPASS-7a8b9c@127.0.0.1:%d/hook","event_types":["channel_occupied"],
             "headers":{"Authorization":"Bearer HOOKHEADER-4d5e6f"}},
            {"lambda_function":"fn","event_types":["channel_occupied"],"lambda":{"region":"us-east-1",
             "client_options":{"endpoint":"http://127.0.0.1:%d","credentials":{"accessKeyId":"AKIALAMBDA01",
               "secretAccessKey":"LAMBDASECRET-0a1b2c"}}}}]}]}}}
        """.formatted(sqs.endpoint(), closed, closed), Map.of())) {
      try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
        s.socketId();
        s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-x\",\"auth\":\"app-key:bad\"}}");
        s.expect("pusher:subscription_error");
        s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"news\"}}");
        s.expect("pusher_internal:subscription_succeeded");
      }
      try (com.pusher.rest.Pusher good = new com.pusher.rest.Pusher("app-id", "app-key", "APPSECRET-1f2e3d");
          com.pusher.rest.Pusher bad = new com.pusher.rest.Pusher("app-id", "app-key", "not-the-secret")) {
        bad.setHost(server.hostPort());
        good.setHost(server.hostPort());
        assertEquals(200, good.trigger("news", "e", Map.of("a", 1)).getHttpStatus().intValue());
        assertEquals(401, bad.trigger("news", "e", Map.of("a", 1)).getHttpStatus().intValue());
      }
      for (String path : new String[] {"/signaling?token=eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
          "/gateway?authorization=eyJhbGciOiJIUzI1NiJ9.e30.AAAA"}) {
        try (HttpWire h = HttpWire.open(server.port(), "127.0.0.1")) {
          h.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
              + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").read(5_000);
        }
      }
      awaitLine("dead-letter", "lambda:fn");
      awaitLine("dead-letter", "127.0.0.1:" + closed);
    }
  }

  /** Waits (bounded) for a captured line holding both parts: here, the two dead-letters of the webhook targets. */
  private void awaitLine(String a, String b) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (logs.everything().stream().anyMatch(l -> l.contains(a) && l.contains(b))) {
        return;
      }
      Thread.sleep(100); // polling the captured log; there is no event to wait on
    }
    throw new AssertionError("no line with " + a + " and " + b + " in " + logs.warnings());
  }

  @Test
  void storesAndBrokersThatFailWithAPasswordInTheirUrlLogNoSecret() throws Exception {
    int closed = NodeProcess.freePort();
    String[] sections = {
        "\"adapter\":{\"driver\":\"redis\",\"redis\":{\"url\":\"redis://u1:REDISPASS-ADAPTER@127.0.0.1:%d/0\"}}",
        "\"adapter\":{\"driver\":\"nats\",\"nats\":{\"servers\":[\"nats://nu:NATSPASS-URL@127.0.0.1:%d\"],"
            + "\"user\":\"nu\",\"password\":\"NATSPASS-KEY\"}}",
        "\"adapter\":{\"driver\":\"nats\",\"nats\":{\"servers\":\"nats://nu:NATSPASS-URL@127.0.0.1:%d\"}}",
        "\"adapter\":{\"driver\":\"nats\",\"nats\":{\"servers\":\"127.0.0.1:%d\",\"token\":\"NATSTOKEN-1\"}}",
        "\"adapter\":{\"driver\":\"nats\",\"nats\":{\"password\":[\"NATSPASS-KEY\"]}}",
        "\"queue\":{\"driver\":\"rabbitmq\",\"rabbitmq\":{\"url\":\"amqp://rabbit:RABBITPASS-1@127.0.0.1:%d\"}}",
        "\"queue\":{\"driver\":\"nats\",\"nats\":{\"servers\":\"nats://q:QNATSPASS-1@127.0.0.1:%d\"}}",
        "\"queue\":{\"driver\":\"redis\",\"redis\":{\"url\":\"redis://:QREDISPASS-1@127.0.0.1:6379/0\"}}",
        "\"rate_limiter\":{\"driver\":\"redis\"},\"database\":{\"redis\":{\"host\":\"127.0.0.1\",\"port\":%d,"
            + "\"password\":\"DBREDISPASS-1\"}}",
        "\"queue\":{\"driver\":\"rabbitmq\",\"rabbitmq\":{\"url\":\"amqp://rabbit:BADURLPASS-1@127.0.0.1:port\"}}",
        "\"app_manager\":{\"driver\":\"mysql\"},\"database\":{\"mysql\":{\"host\":\"127.0.0.1\",\"port\":3306,"
            + "\"username\":\"root\",\"password\":\"MYSQLPASS-1\",\"database\":\"test\"}}",
        "\"app_manager\":{\"driver\":\"postgres\"},\"database\":{\"postgres\":{\"host\":\"127.0.0.1\",\"port\":%d,"
            + "\"username\":\"postgres\",\"password\":\"PGPASS-1\",\"database\":\"test\"}}"};
    for (String section : sections) {
      String json = "{\"host\":\"127.0.0.1\",\"port\":0,\"event_loops\":1," + section.replace("%d",
          Integer.toString(closed)) + "}";
      long started = System.nanoTime();
      try (TestServer server = TestServer.start(json, Map.of())) {
        // it started (a store that is down does not stop it): a client is refused, the store's failure logged
        try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
          s.received.poll(10, TimeUnit.SECONDS);
        }
      } catch (RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          startErrors.add(t.toString()); // the section itself holds the secrets: not recorded
        }
      }
      out.println("secrets test: " + section.substring(0, 40) + " took "
          + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
  }

  /** Copies writes to two streams. */
  private static final class Tee extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    Tee(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      synchronized (b) {
        b.write(c);
      }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      synchronized (b) {
        b.write(buf, off, len);
      }
    }
  }
}
