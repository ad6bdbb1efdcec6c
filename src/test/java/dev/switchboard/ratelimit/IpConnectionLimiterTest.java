package dev.switchboard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpConnectionLimiterTest {
  @Test
  void eachIpGetsItsOwnBurstOfThePerSecondLimit() {
    IpConnectionLimiter l = new IpConnectionLimiter(2);
    assertTrue(l.tryAcquire("10.0.0.1"));
    assertTrue(l.tryAcquire("10.0.0.1"));
    assertFalse(l.tryAcquire("10.0.0.1"));
    assertTrue(l.tryAcquire("10.0.0.2"));
  }

  @Test
  void minusOneIsUnlimitedAndKeepsNoState() {
    IpConnectionLimiter l = new IpConnectionLimiter(-1);
    for (int i = 0; i < 1000; i++) {
      assertTrue(l.tryAcquire("10.0.0.1"));
    }
    assertEquals(0, l.size());
  }

  @Test
  void recentlySeenIpsAreNotEvicted() {
    IpConnectionLimiter l = new IpConnectionLimiter(1);
    l.tryAcquire("10.0.0.1");
    l.evictIdle();
    assertEquals(1, l.size());
    assertFalse(l.tryAcquire("10.0.0.1"));
  }
}
