package dev.switchboard.webhook;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.testing.LogCapture;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures the dead-letter logger's lines. */
final class DeadLetters implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("switchboard.webhook.dead-letter");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  DeadLetters() {
    lines.start();
    logger.addAppender(lines);
  }

  /** Dead-letter lines so far. */
  List<String> lines() {
    synchronized (lines) {
      return lines.list.stream().map(LogCapture::text).toList();
    }
  }

  /** The first dead-letter line mentioning {@code text}, within 15 s. */
  String await(String text) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      List<ILoggingEvent> seen;
      synchronized (lines) { // AppenderBase appends under this lock
        seen = List.copyOf(lines.list);
      }
      for (ILoggingEvent e : seen) {
        if (LogCapture.text(e).contains(text)) {
          return LogCapture.text(e);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no dead-letter line with " + text + "; got " + lines.list);
  }

  @Override
  public void close() {
    logger.detachAppender(lines);
  }
}
