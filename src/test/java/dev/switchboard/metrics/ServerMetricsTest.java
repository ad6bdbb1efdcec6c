package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Hub;
import dev.switchboard.core.HubListener;
import dev.switchboard.core.Loop;
import dev.switchboard.core.LoopMeters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's exposition without a server: names, labels and the per-loop sums. */
class ServerMetricsTest {
  private final ServerMetrics metrics = new ServerMetrics("soketi_", 6001, 2);
  private final Hub hub = new Hub(new Loop[] {new TestLoop(0), new TestLoop(1)}, new HubListener() {},
      new HubListener() {}, 1000);
  private static final String APP = "{app_id=\"app-1\",port=\"6001\"}";

  ServerMetricsTest() {
    hub.meters(metrics);
  }

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void framesCountedOnEachLoopAddUpUnderSoketiNames() {
    AppRuntime rt = hub.runtime("app-1");
    LoopMeters loop0 = rt.meters().forLoop(0);
    LoopMeters loop1 = rt.meters().forLoop(1);
    loop0.frameSent(10);
    loop1.frameSent(20);
    loop1.frameSent(5);
    loop0.frameReceived(7);
    Scrape s = new Scrape(metrics.scrape());
    assertEquals(3.0, s.value("soketi_ws_messages_sent_total" + APP));
    assertEquals(35.0, s.value("soketi_socket_transmitted_bytes" + APP));
    assertEquals(1.0, s.value("soketi_ws_messages_received_total" + APP));
    assertEquals(7.0, s.value("soketi_socket_received_bytes" + APP));
    assertTrue(s.text.contains("# TYPE soketi_socket_received_bytes counter"), s.text);
    assertFalse(s.text.contains("_bytes_total{app_id"), "soketi's byte counters carry no _total");
  }

  @Test
  void connectionsApiCallsDropsAndLatencyAreCountedPerApp() {
    AppRuntime rt = hub.runtime("app-1");
    rt.meters().connectionOpened();
    rt.meters().connectionOpened();
    rt.meters().connectionClosed();
    rt.meters().apiCall(120, 2);
    LoopMeters loop = rt.meters().forLoop(1);
    loop.frameDropped();
    loop.slowConsumerClosed();
    loop.broadcastWritten(System.nanoTime() - 30_000_000);
    Scrape s = new Scrape(metrics.scrape());
    assertEquals(2.0, s.value("soketi_new_connections_total" + APP));
    assertEquals(1.0, s.value("soketi_new_disconnections_total" + APP));
    assertEquals(0.0, s.value("soketi_connected" + APP), "read from the runtime, which saw no socket");
    assertEquals(1.0, s.value("soketi_http_calls_received_total" + APP));
    assertEquals(120.0, s.value("soketi_http_received_bytes" + APP));
    assertEquals(2.0, s.value("soketi_http_transmitted_bytes" + APP));
    assertEquals(1.0, s.value("soketi_outbound_dropped_messages_total" + APP));
    assertEquals(1.0, s.value("soketi_slow_consumer_closes_total" + APP));
    assertEquals(1.0, s.value("soketi_publish_write_latency_seconds_count" + APP));
    String bucket = "soketi_publish_write_latency_seconds_bucket{app_id=\"app-1\",port=\"6001\",le=";
    assertEquals(0.0, s.value(bucket + "\"0.025\"}"), "30 ms or more is above the 25 ms bucket");
    assertEquals(1.0, s.value(bucket + "\"+Inf\"}"));
  }

  @Test
  void everySeriesTakesThePrefixAndThePortLabel() {
    metrics.clusterBroker(() -> true, () -> 2);
    Scrape s = new Scrape(metrics.scrape());
    assertEquals(1.0, s.value("soketi_cluster_broker_connected{port=\"6001\"}"));
    assertEquals(2.0, s.value("soketi_cluster_peers{port=\"6001\"}"));
    assertTrue(s.text.contains("soketi_jvm_memory_used_bytes{"), s.text);
    for (String line : s.text.split("\n")) {
      assertTrue(line.startsWith("# ") || line.startsWith("soketi_") && line.contains("port=\"6001\""), line);
    }
  }

  /** A loop that runs tasks at once on the caller; enough for counters that never hop. */
  private record TestLoop(int index) implements Loop {
    @Override
    public boolean inLoop() {
      return true;
    }

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void every(long periodMs, Runnable task) {}

    @Override
    public void after(long delayMs, Runnable task) {}
  }
}
