package dev.switchboard.transport;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The Vert.x instance's event loops as indexed {@link VertxLoop}s, and which one a channel runs on. */
public final class Loops {
  private final VertxLoop[] loops;
  private final Map<EventExecutor, VertxLoop> byExecutor = new IdentityHashMap<>();

  public Loops(Vertx vertx) {
    List<VertxLoop> list = new ArrayList<>();
    for (EventExecutor e : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      VertxLoop l = new VertxLoop(list.size(), (EventLoop) e);
      list.add(l);
      byExecutor.put(e, l);
    }
    this.loops = list.toArray(new VertxLoop[0]);
    // Netty tasks run outside Vert.x contexts, which would otherwise set this; some drivers
    // (Cassandra, AWS) load their configuration through it
    ClassLoader app = Loops.class.getClassLoader();
    for (VertxLoop l : loops) {
      l.execute(() -> Thread.currentThread().setContextClassLoader(app));
    }
  }

  public VertxLoop[] all() {
    return loops.clone();
  }

  /** The loop that owns {@code executor}; read-only after construction, so safe from any thread. */
  public VertxLoop of(EventExecutor executor) {
    VertxLoop l = byExecutor.get(executor);
    if (l == null) {
      throw new IllegalStateException("not a Vert.x event loop: " + executor);
    }
    return l;
  }
}
