package dev.switchboard.console;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.core.AppRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One open console page's live feed of an app, as NDJSON on a chunked response (read with fetch(), so the
 * request carries its Authorization header): first the lines the log still holds, then every
 * {@value #TICK_MS} ms the lines added since, and a {@code stats} line each second. A reader that falls
 * behind gets a {@code gap} line saying how many lines it missed; nothing queues for it on the server. In a
 * cluster each second also asks every other node for its lines ({@link ConsoleCluster}); every line then names
 * its node. Runs on the request's event loop; the app's hot path only appends to the ring.
 */
final class ConsoleStream {
  static final long TICK_MS = 250;
  private static final int TICKS_PER_STATS = 4;
  private final Vertx vertx;
  private final HttpServerResponse res;
  private final ConsoleWatchers watchers;
  private final ConsoleCluster cluster;
  private final AppRuntime rt;
  private final ConsoleRing ring;
  private final ConsoleStats stats;
  /** Other nodes' answers, handed over from the broker's context. */
  private final Queue<ConsoleCluster.Answer> answers = new ConcurrentLinkedQueue<>();
  private final Set<String> asking = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> peerNext = new HashMap<>();
  private final Map<String, long[]> peerTotals = new HashMap<>();
  private long otherIn;
  private long otherOut;
  private long next;
  private long timer;
  private int ticks;
  private boolean ended;

  private ConsoleStream(Vertx vertx, HttpServerResponse res, ConsoleWatchers watchers, ConsoleCluster cluster,
      AppRuntime rt) {
    this.vertx = vertx;
    this.res = res;
    this.watchers = watchers;
    this.cluster = cluster;
    this.rt = rt;
    this.ring = watchers.watch(rt);
    this.stats = new ConsoleStats(rt);
  }

  /**
   * Starts streaming {@code rt} on {@code res}; ends (and stops watching) when the client goes. {@code cluster}
   * is null on a single node.
   */
  static void open(Vertx vertx, HttpServerResponse res, ConsoleWatchers watchers, ConsoleCluster cluster,
      AppRuntime rt) {
    res.setChunked(true).putHeader("Content-Type", "application/x-ndjson; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
    ConsoleStream s = new ConsoleStream(vertx, res, watchers, cluster, rt);
    res.closeHandler(v -> s.end());
    res.exceptionHandler(e -> s.end());
    res.write(ConsoleLog.JSON.createObjectNode().put("type", "hello").put("app_id", rt.id())
        .put("node", cluster == null ? null : cluster.nodeId()) + "\n");
    s.tick();
    s.timer = vertx.setPeriodic(TICK_MS, id -> s.tick());
  }

  private void tick() {
    if (ended) {
      vertx.cancelTimer(timer); // ended before the timer was set
      return;
    }
    if (res.writeQueueFull()) {
      return; // the reader is slow: what it misses meanwhile is counted as a gap once the ring moves on
    }
    StringBuilder out = new StringBuilder();
    String self = cluster == null ? null : cluster.nodeId();
    next = append(out, ring.since(next), self);
    for (ConsoleCluster.Answer a; (a = answers.poll()) != null; ) {
      peerNext.put(a.node(), append(out, a.read(), a.node()));
      long[] last = peerTotals.put(a.node(), new long[] {a.messagesIn(), a.messagesOut()});
      if (last != null) { // a node's first answer sets its baseline: its totals so far are no rate
        otherIn += a.messagesIn() - last[0];
        otherOut += a.messagesOut() - last[1];
      }
    }
    if (ticks++ % TICKS_PER_STATS == 0) {
      out.append(stats.sample(otherIn, otherOut)).append('\n');
      otherIn = 0;
      otherOut = 0;
      askPeers();
    }
    if (!out.isEmpty()) {
      res.write(Buffer.buffer(out.toString()));
    }
  }

  /** Appends {@code read} as log lines (naming {@code node} when not null); returns the number to read from next. */
  private static long append(StringBuilder out, ConsoleRing.Read read, String node) {
    String head = node == null ? "{\"type\":\"log\","
        : "{\"type\":\"log\",\"node\":" + TextNode.valueOf(node) + ",";
    if (read.missed() > 0) {
      out.append("{\"type\":\"gap\",\"missed\":").append(read.missed()).append("}\n");
    }
    for (String line : read.lines()) {
      out.append(head).append(line, 1, line.length()).append('\n');
    }
    return read.next();
  }

  private void askPeers() {
    if (cluster == null) {
      return;
    }
    for (String peer : cluster.peers()) {
      if (asking.add(peer)) { // one question per node at a time: a slow node is not asked again meanwhile
        cluster.ask(peer, rt.id(), peerNext.getOrDefault(peer, 0L))
            .onComplete(ar -> {
              if (ar.succeeded()) {
                answers.add(ar.result());
              }
              asking.remove(peer);
            });
      }
    }
  }

  private void end() {
    if (ended) {
      return;
    }
    ended = true;
    vertx.cancelTimer(timer);
    watchers.unwatch(rt);
  }
}
