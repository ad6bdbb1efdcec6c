package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract on the machine's NATS JetStream; the sink creates each stream, a pull consumer made after
 * the acked sends reads it back.
 */
class NatsJetStreamSinkIT extends GatewaySinkContract {
  @org.junit.jupiter.api.AfterAll
  static void disconnect() throws Exception {
    NatsCoreSinkIT.disconnect();
  }

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "nats_jetstream").put("url", NatsCoreSinkIT.URL)
        .put("subject", "gateway.send." + name).put("stream", name);
  }

  @Override
  protected ObjectNode unreachableConfig(int closedPort) {
    return config("unreachable").put("url", "nats://127.0.0.1:" + closedPort);
  }

  @Override
  protected Probe probe(String stream) throws Exception {
    io.nats.client.Connection nc = io.nats.client.Nats.connect(NatsCoreSinkIT.URL);
    JetStreamSubscription[] sub = new JetStreamSubscription[1];
    return new Probe() {
      @Override
      public Received next() throws Exception {
        if (sub[0] == null) { // the stream exists once a send was acked
          sub[0] = nc.jetStream().subscribe("gateway.send." + stream, PullSubscribeOptions.builder()
              .stream(stream).build());
        }
        List<Message> got = sub[0].fetch(1, Duration.ofSeconds(TIMEOUT_S));
        Message m = got.isEmpty() ? null : got.get(0);
        if (m != null) {
          m.ack();
        }
        return NatsCoreSinkIT.received(m);
      }

      @Override
      public void close() throws Exception {
        nc.close();
      }
    };
  }

  @Override
  protected void cleanup(Set<String> names) throws Exception {
    var jsm = NatsCoreSinkIT.nc().jetStreamManagement();
    for (String n : names) {
      try {
        jsm.deleteStream(n);
      } catch (io.nats.client.JetStreamApiException e) {
        // a test that never sent has no stream
      }
    }
  }

  @Test
  void theSinkCreatesAFileStreamOnTheSubject() throws Exception {
    String name = newName();
    await(sink(config(name)).send(message("{\"a\":1}")));
    StreamInfo info = NatsCoreSinkIT.nc().jetStreamManagement().getStreamInfo(name);
    assertEquals(List.of("gateway.send." + name), info.getConfiguration().getSubjects());
    assertEquals(StorageType.File, info.getConfiguration().getStorageType());
    assertEquals(1, info.getStreamState().getMsgCount());
  }

  @Test
  void aSubjectOutsideAnExistingStreamFailsTheSend() throws Exception {
    String name = newName();
    NatsCoreSinkIT.nc().jetStreamManagement().addStream(StreamConfiguration.builder().name(name)
        .subjects("gateway.other." + name).storageType(StorageType.Memory).build());
    GatewaySink s = sink(config(name).put("retries", 0));
    ExecutionException e = assertThrows(ExecutionException.class, () -> s.send(message("{}")).toCompletionStage()
        .toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS));
    assertInstanceOf(GatewaySinkException.class, e.getCause());
  }

  /** A NATS restarted without its store has lost the stream: the sink creates it again, no retry needed. */
  @Test
  void aStreamLostOnTheServerIsCreatedAgain() throws Exception {
    String name = newName();
    GatewaySink s = sink(config(name).put("retries", 0));
    await(s.send(message("{\"a\":1}")));
    NatsCoreSinkIT.nc().jetStreamManagement().deleteStream(name);
    await(s.send(message("{\"a\":2}")));
    assertEquals(1, NatsCoreSinkIT.nc().jetStreamManagement().getStreamInfo(name).getStreamState().getMsgCount());
  }
}
