package dev.switchboard.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The default logging set-up, in code: one console line per event, Netty and Vert.x at WARN, the root at
 * {@code SWITCHBOARD_LOG_LEVEL} (default INFO), human lines or JSON ({@code SWITCHBOARD_LOG_FORMAT}). Once
 * the config is read, {@link #apply} sets {@code log.*} from the file too. Configuring in code spares every
 * server the XML parser and the five hundred classes logback's XML configuration loads (a few MiB of
 * metaspace). A file named by {@code -Dlogback.configurationFile} still takes over, read by logback's own
 * configurator, and then {@code log.*} is left to it.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
  /** The human line: the event's key-value pairs follow the message as {@code key=value} (none: nothing). */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%replace( %kvp{NONE}){' $', ''}%n";
  private static final String APPENDER = "STDOUT";
  private static final String CONSOLE_KEY = ConsoleLogConfigurator.class.getName();

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(APPENDER);
    String format = setting("SWITCHBOARD_LOG_FORMAT");
    format = format != null ? format : setting("LOG_OUTPUT_FORMAT"); // Sockudo's name
    console.setEncoder(encoder(context, "json".equalsIgnoreCase(format)));
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel(setting("SWITCHBOARD_LOG_LEVEL")));
    root.addAppender(console);
    context.putObject(CONSOLE_KEY, console); // so apply() touches this console, never one of a logback file
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("io.vertx").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** A system property of that name (set by the {@code apps} command) or else the environment variable. */
  private static String setting(String name) {
    String p = System.getProperty(name);
    return p != null ? p : System.getenv(name);
  }

  /** An unknown level name falls back to INFO rather than silencing the server; {@link LogConfig} refuses it. */
  static Level rootLevel(String name) {
    return name == null || name.isBlank() ? Level.INFO : Level.toLevel(name.trim(), Level.INFO);
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
    if (json) {
      JsonLogEncoder encoder = new JsonLogEncoder();
      encoder.setContext(context);
      encoder.start();
      return encoder;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }

  /**
   * Applies the checked {@code log.*} settings to {@code context}: the console's format, the root level and
   * the per-logger levels. Does nothing when a logback file configured logging (there is no console of ours).
   */
  public static void apply(LoggerContext context, LogConfig config) {
    if (!(context.getObject(CONSOLE_KEY) instanceof ConsoleAppender<?> found)) {
      return;
    }
    @SuppressWarnings("unchecked")
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) found;
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    boolean json = config.format().equals("json");
    if (json != (console.getEncoder() instanceof JsonLogEncoder)) {
      console.stop(); // called at start-up, before the server's threads log
      console.setEncoder(encoder(context, json));
      console.start();
    }
    root.setLevel(Level.toLevel(config.level()));
    for (Map.Entry<String, String> e : config.levels().entrySet()) {
      context.getLogger(e.getKey()).setLevel(Level.toLevel(e.getValue()));
    }
  }

  /** {@link #apply(LoggerContext, LogConfig)} on the process's logback context, when SLF4J is bound to it. */
  public static void apply(LogConfig config) {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      apply(context, config);
    }
  }
}
