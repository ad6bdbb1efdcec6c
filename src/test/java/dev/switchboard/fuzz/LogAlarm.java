package dev.switchboard.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Remembers the first log line that means the server met something it did not expect while fuzzing: any ERROR
 * (an unhandled request failure is logged so), and a WebSocket that ended on an exception (logged at DEBUG by
 * the frame handler, so that logger is turned to DEBUG while installed). In fuzzing mode the server's lines
 * stop reaching the console meanwhile, so that millions of refused inputs do not print millions of lines.
 */
public final class LogAlarm extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private static final String FRAME_HANDLER = "dev.switchboard.transport.WsFrameHandler";
  private final Logger server = (Logger) LoggerFactory.getLogger("dev.switchboard");
  private final Logger frames = (Logger) LoggerFactory.getLogger(FRAME_HANDLER);
  private final Level framesLevel = frames.getLevel();
  private volatile String first;

  /** Attached until {@link #close()}. */
  public static LogAlarm install() {
    LogAlarm a = new LogAlarm();
    a.setContext(a.server.getLoggerContext());
    a.start();
    a.server.addAppender(a);
    a.frames.setLevel(Level.DEBUG);
    a.server.setAdditive(System.getenv("JAZZER_FUZZ") == null);
    return a;
  }

  @Override
  protected void append(ILoggingEvent e) {
    boolean socketFailed = e.getLoggerName().equals(FRAME_HANDLER) && e.getFormattedMessage().contains("failed");
    if (first == null && (e.getLevel().isGreaterOrEqual(Level.ERROR) || socketFailed)) {
      first = e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName() + ": "
          + e.getThrowableProxy().getMessage());
    }
  }

  /** The first alarming line since the last call, or null; clears it. */
  public String take() {
    String f = first;
    first = null;
    return f;
  }

  @Override
  public void close() {
    server.detachAppender(this);
    server.setAdditive(true);
    frames.setLevel(framesLevel);
    stop();
  }
}
