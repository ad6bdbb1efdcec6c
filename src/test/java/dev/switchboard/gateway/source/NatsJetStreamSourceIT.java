package dev.switchboard.gateway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on the NATS server with JetStream at 127.0.0.1:4222; the producer is a JetStream publish. */
class NatsJetStreamSourceIT extends NotificationSourceContract {
  private static final String URL = "nats://127.0.0.1:4222";
  private static Connection nc;
  private static JetStreamManagement jsm;
  private final Map<String, Long> deadLetterSeq = new HashMap<>();

  @BeforeAll
  static void connect() throws Exception {
    nc = Nats.connect(URL);
    jsm = nc.jetStreamManagement();
  }

  @AfterAll
  static void disconnect() throws Exception {
    nc.close();
  }

  private static String subject(String name) {
    return name + ".notify";
  }

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "nats_jetstream").put("url", URL).put("stream", name)
        .put("subject", subject(name)).put("redelivery_delay_ms", 300).put("dead_letter", deadLetterName(name));
  }

  @Override
  protected void publish(String name, String body) throws Exception {
    nc.jetStream().publish(subject(name), body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected String nextDeadLetter(String name) throws Exception {
    String dl = deadLetterName(name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    long seq = deadLetterSeq.getOrDefault(dl, 0L) + 1;
    while (System.nanoTime() < deadline) {
      List<String> streams = jsm.getStreamNames(dl);
      if (!streams.isEmpty()) {
        try {
          MessageInfo m = jsm.getMessage(streams.get(0), seq);
          deadLetterSeq.put(dl, seq);
          return new String(m.getData(), StandardCharsets.UTF_8);
        } catch (JetStreamApiException notYet) {
          // no message with that sequence yet
        }
      }
      Thread.sleep(50); // polling the stream by sequence
    }
    throw new AssertionError("nothing on " + dl);
  }

  @Override
  protected long outstanding(String name) throws Exception {
    ConsumerInfo c = jsm.getConsumerInfo(name, "switchboard");
    return c.getNumPending() + c.getNumAckPending();
  }

  @Override
  protected void cleanup(Set<String> names) {
    for (String n : names) {
      for (String s : List.of(n, n + "_dead_letter")) {
        try {
          jsm.deleteStream(s);
        } catch (Exception e) {
          // not created by this test
        }
      }
    }
  }

  @Test
  void anExistingStreamIsUsedAsItIs() throws Exception {
    String name = newName();
    jsm.addStream(io.nats.client.api.StreamConfiguration.builder().name(name).subjects(name + ".>").build());
    Recorder r = new Recorder();
    start(config(name), r);
    publish(name, BODY);
    Call c = r.next();
    assertEquals(BODY, c.body());
    c.done().complete();
    assertEquals(List.of(name + ".>"), jsm.getStreamInfo(name).getConfiguration().getSubjects());
  }

  @Test
  void anUnreachableServerFailsStartNamingTheKey() throws Exception {
    NotificationSource s = NotificationSources.create(vertx, KEY, config(newName()).put("url", "nats://127.0.0.1:1"));
    Throwable e = s.start(b -> Future.succeededFuture()).toCompletionStage().toCompletableFuture()
        .handle((v, t) -> t).get(TIMEOUT_S, TimeUnit.SECONDS);
    assertTrue(e != null && e.getMessage().contains(KEY), String.valueOf(e));
    s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
  }
}
