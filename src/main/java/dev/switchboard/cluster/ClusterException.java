package dev.switchboard.cluster;

/** A cluster message that cannot be read, or a broker that cannot start. */
public final class ClusterException extends RuntimeException {
  public ClusterException(String message) {
    super(message, null, false, false);
  }
}
