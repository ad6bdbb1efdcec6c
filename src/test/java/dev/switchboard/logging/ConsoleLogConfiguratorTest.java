package dev.switchboard.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLogConfiguratorTest {
  private static LoggerContext configured() {
    LoggerContext ctx = new LoggerContext();
    ConsoleLogConfigurator c = new ConsoleLogConfigurator();
    c.setContext(ctx);
    c.configure(ctx);
    return ctx;
  }

  @Test
  void theLevelComesFromTheEnvironmentAndABadNameFallsBackToInfo() {
    assertEquals(Level.DEBUG, ConsoleLogConfigurator.rootLevel("debug"));
    assertEquals(Level.WARN, ConsoleLogConfigurator.rootLevel(" WARN "));
    assertEquals(Level.INFO, ConsoleLogConfigurator.rootLevel("loud"));
    assertEquals(Level.INFO, ConsoleLogConfigurator.rootLevel(null));
  }

  @Test
  void frameworksAreQuietAndTheRootHasTheConsole() {
    LoggerContext ctx = configured();
    assertEquals(Level.WARN, ctx.getLogger("io.netty").getLevel());
    assertEquals(Level.WARN, ctx.getLogger("io.vertx").getLevel());
    assertEquals("STDOUT", ctx.getLogger("ROOT").iteratorForAppenders().next().getName());
  }

  @Test
  void humanLinesShowTheKeyValuesAfterTheMessage() {
    LoggerContext ctx = configured();
    PatternLayoutEncoder enc = (PatternLayoutEncoder) ((ConsoleAppender<?>) ctx.getLogger("ROOT")
        .getAppender("STDOUT")).getEncoder();
    LoggingEvent e = new LoggingEvent("t", ctx.getLogger("dev.switchboard.x.Y"), Level.WARN, "app not found", null,
        null);
    String plain = new String(enc.encode(e), StandardCharsets.UTF_8);
    assertTrue(plain.endsWith("WARN  dev.switchboard.x.Y - app not found" + System.lineSeparator()), plain);
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("app_id", "a1"));
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("channel", "private-c"));
    String withFields = new String(enc.encode(e), StandardCharsets.UTF_8);
    assertTrue(withFields.endsWith(" - app not found app_id=a1 channel=private-c" + System.lineSeparator()),
        withFields);
  }

  @Test
  void applySwitchesTheConsoleToJsonAndSetsLevels() {
    LoggerContext ctx = configured();
    ConsoleLogConfigurator.apply(ctx, new LogConfig("json", "warn", Map.of("dev.switchboard.webhook", "debug")));
    ConsoleAppender<?> console = (ConsoleAppender<?>) ctx.getLogger("ROOT").getAppender("STDOUT");
    assertInstanceOf(JsonLogEncoder.class, console.getEncoder());
    assertTrue(console.isStarted());
    assertEquals(Level.WARN, ctx.getLogger("ROOT").getLevel());
    assertEquals(Level.DEBUG, ctx.getLogger("dev.switchboard.webhook").getLevel());
    assertTrue(ctx.getLogger("dev.switchboard.webhook.WebhookWorker").isDebugEnabled());
    ConsoleLogConfigurator.apply(ctx, new LogConfig("human", "info", Map.of()));
    assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder());
  }

  @Test
  void applyLeavesAConsoleItDidNotCreateAlone() {
    LoggerContext ctx = new LoggerContext(); // as a logback file would set it up: a STDOUT console of its own
    ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> theirs = new ConsoleAppender<>();
    theirs.setContext(ctx);
    theirs.setName("STDOUT");
    PatternLayoutEncoder enc = new PatternLayoutEncoder();
    enc.setContext(ctx);
    enc.setPattern("%msg%n");
    enc.start();
    theirs.setEncoder(enc);
    ctx.getLogger("ROOT").addAppender(theirs);
    ctx.getLogger("ROOT").setLevel(Level.ERROR);
    ConsoleLogConfigurator.apply(ctx, new LogConfig("json", "debug", Map.of("x", "trace")));
    assertInstanceOf(PatternLayoutEncoder.class, theirs.getEncoder());
    assertEquals(Level.ERROR, ctx.getLogger("ROOT").getLevel());
    assertEquals(null, ctx.getLogger("x").getLevel());
  }
}
