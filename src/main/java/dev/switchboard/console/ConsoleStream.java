package dev.switchboard.console;

import dev.switchboard.core.AppRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One open console page's live feed of an app, as NDJSON on a chunked response (read with fetch(), so the
 * request carries its Authorization header): first the lines the log still holds, then every
 * {@value #TICK_MS} ms the lines added since, and a {@code stats} line each second. A reader that falls
 * behind gets a {@code gap} line saying how many lines it missed; nothing queues for it on the server.
 * Runs on the request's event loop; the app's hot path only appends to the ring.
 */
final class ConsoleStream {
  static final long TICK_MS = 250;
  private static final int TICKS_PER_STATS = 4;
  private final Vertx vertx;
  private final HttpServerResponse res;
  private final ConsoleWatchers watchers;
  private final AppRuntime rt;
  private final ConsoleRing ring;
  private final ConsoleStats stats;
  private long next;
  private long timer;
  private int ticks;
  private boolean ended;

  private ConsoleStream(Vertx vertx, HttpServerResponse res, ConsoleWatchers watchers, AppRuntime rt) {
    this.vertx = vertx;
    this.res = res;
    this.watchers = watchers;
    this.rt = rt;
    this.ring = watchers.watch(rt);
    this.stats = new ConsoleStats(rt);
  }

  /** Starts streaming {@code rt} on {@code res}; ends (and stops watching) when the client goes. */
  static void open(Vertx vertx, HttpServerResponse res, ConsoleWatchers watchers, AppRuntime rt) {
    res.setChunked(true).putHeader("Content-Type", "application/x-ndjson; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
    ConsoleStream s = new ConsoleStream(vertx, res, watchers, rt);
    res.closeHandler(v -> s.end());
    res.exceptionHandler(e -> s.end());
    res.write(ConsoleLog.JSON.createObjectNode().put("type", "hello").put("app_id", rt.id()) + "\n");
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
    ConsoleRing.Read read = ring.since(next);
    if (read.missed() > 0) {
      out.append("{\"type\":\"gap\",\"missed\":").append(read.missed()).append("}\n");
    }
    for (String line : read.lines()) {
      out.append("{\"type\":\"log\",").append(line, 1, line.length()).append('\n');
    }
    next = read.next();
    if (ticks++ % TICKS_PER_STATS == 0) {
      out.append(stats.sample()).append('\n');
    }
    if (!out.isEmpty()) {
      res.write(Buffer.buffer(out.toString()));
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
