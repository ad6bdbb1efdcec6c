package dev.switchboard.console;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.EnvAliases;
import java.util.List;

/**
 * The {@code console.*} section.
 *
 * @param enabled serve the console on the metrics port (default false)
 * @param token the admin token, whole server; empty (the default) allows app credentials only
 * @param logSize entries of each watched app's event log kept in memory (default 1000)
 */
public record ConsoleConfig(boolean enabled, String token, int logSize) {
  /** An admin token shorter than this is refused at start: it guards every app. */
  static final int MIN_TOKEN_LENGTH = 16;
  private static final List<String> ENV_PATHS = List.of("console.enabled", "console.token", "console.log_size");

  public ConsoleConfig {
    if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
      throw ConfigException.invalid("console.token", "(" + token.length() + " characters)",
          "at least " + MIN_TOKEN_LENGTH + " characters, or empty for app credentials only");
    }
    if (logSize < 10 || logSize > 100_000) {
      throw ConfigException.invalid("console.log_size", logSize, "a number from 10 to 100000");
    }
  }

  /** Makes every {@code console.*} key settable as {@code SWITCHBOARD_CONSOLE_*}; call before loading. */
  public static void registerEnv() {
    ENV_PATHS.forEach(EnvAliases::register);
  }

  public static ConsoleConfig from(ConfigTree t) {
    return new ConsoleConfig(t.bool("console.enabled", false), t.string("console.token", "").trim(),
        t.integer("console.log_size", 1000));
  }
}
