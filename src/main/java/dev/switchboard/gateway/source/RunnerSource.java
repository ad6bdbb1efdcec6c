package dev.switchboard.gateway.source;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The part of a {@link NotificationSource} every driver writes the same way: its {@link SourceRunner}, a
 * {@link #stop} that runs the driver's {@link #halt} once (later calls get the same future) and the counters,
 * read from the runner.
 *
 * @param <M> the driver's handle of a message in flight, as in {@link SourceRunner}
 */
public abstract class RunnerSource<M> implements NotificationSource {
  protected final SourceRunner<M> runner;
  private Future<Void> stopped;

  protected RunnerSource(Vertx vertx, SourceSettings common) {
    this.runner = new SourceRunner<>(vertx, common);
  }

  @Override
  public final synchronized Future<Void> stop() {
    if (stopped == null) {
      stopped = halt();
    }
    return stopped;
  }

  /** The driver's stop, called once: see {@link NotificationSource#stop} for what it must do. Never fails. */
  protected abstract Future<Void> halt();

  @Override
  public final long deadLettered() {
    return runner.deadLettered();
  }

  @Override
  public final long received() {
    return runner.received();
  }

  @Override
  public final long failed() {
    return runner.failed();
  }
}
