package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(100, 1000, 5000);

  @Test
  void delaysDoubleWithJitterUpToTheCap() {
    for (int i = 0; i < 200; i++) {
      long d1 = policy.delay(1);
      long d3 = policy.delay(3);
      long d20 = policy.delay(20);
      assertTrue(d1 >= 50 && d1 <= 100, "attempt 1: " + d1);
      assertTrue(d3 >= 200 && d3 <= 400, "attempt 3: " + d3);
      assertTrue(d20 >= 500 && d20 <= 1000, "attempt 20: " + d20);
    }
  }

  @Test
  void theBudgetCountsFromTheFirstAttempt() {
    assertFalse(policy.exhausted(0, 3000, 1000));
    assertTrue(policy.exhausted(0, 4500, 1000));
  }

  @Test
  void statusCodesAreClassifiedAsPusherDoes() {
    assertEquals(Outcome.Kind.DELIVERED, Outcome.ofStatus(200).kind());
    assertEquals(Outcome.Kind.DELIVERED, Outcome.ofStatus(204).kind());
    for (int s : new int[] {408, 429, 500, 502, 503}) {
      assertEquals(Outcome.Kind.RETRY, Outcome.ofStatus(s).kind(), "status " + s);
    }
    for (int s : new int[] {301, 400, 401, 404, 413}) {
      assertEquals(Outcome.Kind.REJECTED, Outcome.ofStatus(s).kind(), "status " + s);
    }
  }
}
