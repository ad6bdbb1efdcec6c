package dev.switchboard.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the server logs (in this JVM) at INFO and above while it is open, for tests about log lines. */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  /** The formatted lines logged at {@code level} by loggers under {@code prefix}, as "LEVEL logger: message". */
  public List<String> lines(Level level, String prefix) {
    synchronized (appender) {
      return appender.list.stream()
          .filter(e -> e.getLevel() == level && e.getLoggerName().startsWith(prefix))
          .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + text(e))
          .toList();
    }
  }

  /** Every line at WARN or above, from any logger, for a failure message. */
  public List<String> warnings() {
    synchronized (appender) {
      return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + text(e)).toList();
    }
  }

  /** The message followed by the event's key-value pairs as {@code key=value}, as the human log line shows them. */
  public static String text(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(e.getFormattedMessage());
    if (e.getKeyValuePairs() != null) {
      e.getKeyValuePairs().forEach(kv -> b.append(' ').append(kv.key).append('=').append(kv.value));
    }
    return b.toString();
  }

  /**
   * Every line captured, at any level, with the class and message of each throwable in its cause chain (what a
   * stack trace would print above its frames), for tests that search all output for a string.
   */
  public List<String> everything() {
    synchronized (appender) {
      return appender.list.stream().map(e -> {
        StringBuilder sb = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + ": " + text(e));
        for (ch.qos.logback.classic.spi.IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
          sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
      }).toList();
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
