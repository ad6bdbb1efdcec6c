package dev.switchboard.core;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One client socket of any dialect. Everything here except {@link #send} is called on {@link #loop()}
 * only. Subclasses put bytes on the wire.
 */
public abstract class Connection {
  private final String socketId;
  private final AppRuntime app;
  private final Loop loop;
  private final LoopMeters meters;
  private final Subscriptions subscriptions = new Subscriptions();
  private String userId;
  private Set<String> watchlist = Set.of();
  private boolean closed;
  /** The first close code sent or received (0: none yet), for the debug console. On the loop only. */
  private int closeCode;
  /** Monotonic time of the last frame received; read by the activity wheel on the same loop. */
  long lastSeenNanos = System.nanoTime();
  long pingSentNanos;
  /** Activity-wheel bookkeeping, owned by {@link ActivityWheel} on this connection's loop. */
  ActivityWheel wheel;
  Connection wheelPrev;
  Connection wheelNext;
  int wheelSlot = -1;

  protected Connection(String socketId, AppRuntime app, Loop loop) {
    this.socketId = socketId;
    this.app = app;
    this.loop = loop;
    this.meters = app.meters().forLoop(loop.index());
    app.tap().connectionOpened(this); // a tap reads only the socket id, already set
  }

  public final String socketId() {
    return socketId;
  }

  public final AppRuntime app() {
    return app;
  }

  public final Loop loop() {
    return loop;
  }

  /** This connection's app counters on its loop; resolved once, at construction. */
  public final LoopMeters meters() {
    return meters;
  }

  /** The {@link System#nanoTime()} at which the last frame from the client arrived. On the loop only. */
  public final long lastSeenNanos() {
    return lastSeenNanos;
  }

  /** Writes a message without flushing; the transport flushes once per loop turn. On the loop only. */
  public abstract void deliver(OutboundMessage message);

  /** Sends a close frame with {@code code} and closes; idempotent. On the loop only. */
  protected abstract void closeTransport(int code, String reason);

  /** Sends a keep-alive probe (a dialect ping) after the activity timeout. On the loop only. */
  protected abstract void sendActivityPing();

  /** Sends from any thread; hops to this connection's loop when needed. */
  public final void send(OutboundMessage message) {
    if (loop.inLoop()) {
      if (!closed) {
        deliver(message);
      }
    } else {
      loop.execute(() -> {
        if (!closed) {
          deliver(message);
        }
      });
    }
  }

  /** Closes from any thread; the connection's state is cleaned up by {@link #onClosed()}. */
  public final void close(int code, String reason) {
    if (loop.inLoop()) {
      if (!closed) {
        noteCloseCode(code);
        closeTransport(code, reason);
      }
    } else {
      loop.execute(() -> close(code, reason));
    }
  }

  /** Called by the transport once the socket is gone: leaves every channel and the user index. */
  public void onClosed() {
    if (closed) {
      return;
    }
    closed = true;
    if (wheel != null) {
      wheel.remove(this);
    }
    app.leaveAll(this);
  }

  /**
   * The client asked to close (its close frame arrived): leaves everything now, like {@link #onClosed()},
   * and returns when other nodes see the connection gone; the transport answers the close only then, so a
   * client whose close completed finds its quota, members and subscriptions released on every node. A
   * connection that held nothing other nodes see (no subscription, no sign-in, no app quota) returns at once.
   * {@code code} is the client's close code.
   */
  public final CompletionStage<Void> closeRequested(int code) {
    noteCloseCode(code);
    boolean seen = !closed && (subscriptions.size() > 0 || userId != null || app.hasQuota());
    onClosed();
    return seen ? app.confirmed() : DONE;
  }

  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  /** Remembers {@code code} as the reason this connection ends, unless one is known already; on the loop. */
  protected final void noteCloseCode(int code) {
    if (closeCode == 0) {
      closeCode = code;
    }
  }

  /** The first close code sent or received, or 0 when the socket went away without one; on the loop. */
  public final int closeCode() {
    return closeCode;
  }

  public final boolean isClosed() {
    return closed;
  }

  public final void touch() {
    lastSeenNanos = System.nanoTime();
    pingSentNanos = 0;
  }

  public final Subscriptions subscriptions() {
    return subscriptions;
  }

  public final String userId() {
    return userId;
  }

  final void userId(String id) {
    this.userId = id;
  }

  public final Set<String> watchlist() {
    return watchlist;
  }

  final void watchlist(Set<String> ids) {
    this.watchlist = ids;
  }
}
