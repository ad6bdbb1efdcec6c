package dev.switchboard.config;

import java.util.function.UnaryOperator;

/** A configuration value that cannot be used; its message is the one line printed at start-up. */
public final class ConfigException extends RuntimeException {
  private final String key;
  private final Object value;
  private final String expected;

  public ConfigException(String message) {
    this(message, null, null, null);
  }

  private ConfigException(String message, String key, Object value, String expected) {
    super(message, null, false, false);
    this.key = key;
    this.value = value;
    this.expected = expected;
  }

  /**
   * Builds the standard "key=value: expected ..." message. The value is shown as the user wrote it, except what
   * must not reach a log: the value of a key naming a secret is masked, and so is the user-info of any URL in it.
   */
  public static ConfigException invalid(String key, Object value, String expected) {
    return new ConfigException("invalid config " + key + "=" + shown(key, value) + ": expected " + expected, key,
        value, expected);
  }

  private static final java.util.regex.Pattern SECRET_KEY =
      java.util.regex.Pattern.compile("(?i).*(password|secret|token|credential|private).*");

  private static String shown(String key, Object value) {
    if (value == null) {
      return "null";
    }
    String last = key.substring(key.lastIndexOf('.') + 1);
    return SECRET_KEY.matcher(last).matches() ? "***" : dev.switchboard.logging.LogSafe.url(String.valueOf(value));
  }

  /**
   * The same error under the name the user wrote ({@code key} is our tree path; {@code names} gives the env
   * variable or file key it came from), so the message points at the line to fix.
   */
  public ConfigException relabel(UnaryOperator<String> names) {
    if (key == null) {
      return this;
    }
    String label = names.apply(key);
    return label.equals(key) ? this : invalid(label, value, expected);
  }
}
