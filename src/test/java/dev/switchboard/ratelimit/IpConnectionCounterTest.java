package dev.switchboard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpConnectionCounterTest {
  @Test
  void eachAddressHoldsAtMostTheCapAndAReleaseGivesAPlaceBack() {
    IpConnectionCounter c = new IpConnectionCounter(2);
    assertTrue(c.tryAcquire("10.0.0.1"));
    assertTrue(c.tryAcquire("10.0.0.1"));
    assertFalse(c.tryAcquire("10.0.0.1"));
    assertTrue(c.tryAcquire("10.0.0.2"), "another address has its own count");
    c.release("10.0.0.1");
    assertTrue(c.tryAcquire("10.0.0.1"));
    assertEquals(2, c.count("10.0.0.1"));
  }

  @Test
  void anAddressBackAtZeroIsForgotten() {
    IpConnectionCounter c = new IpConnectionCounter(1);
    c.tryAcquire("10.0.0.1");
    c.release("10.0.0.1");
    c.release("10.0.0.1"); // an extra release never goes below zero or leaves an entry behind
    assertEquals(0, c.count("10.0.0.1"));
    assertTrue(c.tryAcquire("10.0.0.1"));
  }

  @Test
  void minusOneCountsNothing() {
    IpConnectionCounter c = new IpConnectionCounter(-1);
    for (int i = 0; i < 1000; i++) {
      assertTrue(c.tryAcquire("10.0.0.1"));
    }
    assertEquals(0, c.count("10.0.0.1"));
    assertFalse(c.limited());
  }
}
