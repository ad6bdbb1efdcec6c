/**
 * Logging set-up done in code ({@link dev.switchboard.logging.ConsoleLogConfigurator}): human lines or one JSON
 * object per line ({@link dev.switchboard.logging.JsonLogEncoder}), levels from {@code log.*}
 * ({@link dev.switchboard.logging.LogConfig}), and {@link dev.switchboard.logging.LogThrottle} for conditions
 * that repeat. Imports logback, SLF4J, the config package and its Jackson tree only.
 */
package dev.switchboard.logging;
