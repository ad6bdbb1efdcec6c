package dev.switchboard.testing;

import dev.switchboard.core.Loop;

/**
 * A core {@link Loop} for tests that drive core without a transport: loop 0, always "in the loop", tasks run
 * at once, timers never fire.
 */
public final class InlineLoop implements Loop {
  public static final InlineLoop INSTANCE = new InlineLoop();

  private InlineLoop() {}

  @Override
  public int index() {
    return 0;
  }

  @Override
  public boolean inLoop() {
    return true;
  }

  @Override
  public void every(long periodMs, Runnable task) {}

  @Override
  public void after(long delayMs, Runnable task) {}

  @Override
  public void execute(Runnable task) {
    task.run();
  }
}
