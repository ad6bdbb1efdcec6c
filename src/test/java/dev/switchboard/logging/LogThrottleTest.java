package dev.switchboard.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
  @Test
  void oneOccurrencePerIntervalGetsThrough() throws Exception {
    LogThrottle t = new LogThrottle(Duration.ofMillis(200));
    assertTrue(t.allow(), "the first occurrence is logged");
    for (int i = 0; i < 1000; i++) {
      assertFalse(t.allow(), "repeats within the interval are not");
    }
    Thread.sleep(250);
    assertTrue(t.allow(), "the next interval logs again");
    assertFalse(t.allow());
  }
}
