package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.Loop;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopLagProbeTest {
  /** A one-thread loop, as an event loop is: a task that blocks it delays everything scheduled on it. */
  private record ThreadLoop(ScheduledExecutorService ex) implements Loop {
    @Override
    public int index() {
      return 0;
    }

    @Override
    public boolean inLoop() {
      return false;
    }

    @Override
    public void every(long periodMs, Runnable task) {
      ex.scheduleAtFixedRate(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void after(long delayMs, Runnable task) {
      ex.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable task) {
      ex.execute(task);
    }
  }

  @Test
  void aLoopBlockedForASecondShowsThatLagAfterItRunsAgain() throws Exception {
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();
    try {
      LoopLagProbe probe = new LoopLagProbe(new ThreadLoop(ex));
      ex.submit(() -> {
        Thread.sleep(1_200); // the stall under test: a task that holds the loop
        return null;
      });
      // a probe falls due during the 1.2 s stall and runs at least 0.7 s late; the gauge keeps the worst
      long deadline = System.currentTimeMillis() + 10_000;
      while (probe.seconds() < 0.6 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(probe.seconds() >= 0.6, "lag seen: " + probe.seconds());
      Thread.sleep(2 * LoopLagProbe.PERIOD_MS); // later probes, on time again, do not hide it
      assertTrue(probe.seconds() >= 0.6, "lag after catching up: " + probe.seconds());
    } finally {
      ex.shutdownNow();
    }
  }
}
