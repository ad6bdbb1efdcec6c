package dev.switchboard.config;

/** A configuration value that cannot be used; its message is the one line printed at start-up. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }

  /** Builds the standard "key=value: expected ..." message. */
  public static ConfigException invalid(String key, Object value, String expected) {
    return new ConfigException("invalid config " + key + "=" + value + ": expected " + expected);
  }
}
