package dev.switchboard.gateway.source;

/**
 * A notification that can never be handled (not JSON, no {@code data}): delivering it again would fail again,
 * so the source dead-letters it at once. Raised per message, so it carries no stack trace; its message says
 * why without quoting the body.
 */
public final class MalformedNotification extends RuntimeException {
  public MalformedNotification(String why) {
    super(why, null, false, false);
  }
}
