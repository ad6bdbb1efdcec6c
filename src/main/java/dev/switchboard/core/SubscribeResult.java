package dev.switchboard.core;

/** Outcome of {@link AppRuntime#subscribe}. */
public enum SubscribeResult {
  SUBSCRIBED,
  ALREADY_SUBSCRIBED,
  PRESENCE_FULL
}
