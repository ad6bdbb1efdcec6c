package dev.switchboard.transport;

import dev.switchboard.core.Loop;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/** A core {@link Loop} backed by one Netty event loop of the Vert.x instance. */
public final class VertxLoop implements Loop {
  private final int index;
  private final EventLoop eventLoop;
  private final FlushBatcher flusher = new FlushBatcher(this);
  private final SharedFrame sharedFrame = new SharedFrame();
  private final DirectWriter directWriter = new DirectWriter();

  public VertxLoop(int index, EventLoop eventLoop) {
    this.index = index;
    this.eventLoop = eventLoop;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public boolean inLoop() {
    return eventLoop.inEventLoop();
  }

  @Override
  public void execute(Runnable task) {
    eventLoop.execute(task);
  }

  @Override
  public void every(long periodMs, Runnable task) {
    eventLoop.scheduleAtFixedRate(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void after(long delayMs, Runnable task) {
    eventLoop.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void afterWrites(Runnable task) {
    flusher.runAfterFlush(task);
  }

  /**
   * Runs {@code task} on this loop after its next I/O poll (a zero-delay timer: Netty takes due timers in
   * only once per turn), so reads that arrived meanwhile are handled first. Loop only.
   */
  void afterIo(Runnable task) {
    eventLoop.schedule(task, 0, TimeUnit.NANOSECONDS);
  }

  public EventLoop eventLoop() {
    return eventLoop;
  }

  FlushBatcher flusher() {
    return flusher;
  }

  SharedFrame sharedFrame() {
    return sharedFrame;
  }

  DirectWriter directWriter() {
    return directWriter;
  }
}
