/** Logging set-up done in code (see {@link dev.switchboard.logging.ConsoleLogConfigurator}). */
package dev.switchboard.logging;
