package dev.switchboard.metrics;

/** The metrics endpoint cannot run, e.g. its port is taken; the message names the address and the reason. */
public final class MetricsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetricsException(String message) {
    super(message);
  }
}
