package dev.switchboard.ratelimit;

/** Whether a request may proceed, and how long to wait (for Retry-After) when it may not. */
public record RateDecision(boolean allowed, int retryAfterSeconds, int remaining) {
  public static final RateDecision UNLIMITED = new RateDecision(true, 0, -1);
}
