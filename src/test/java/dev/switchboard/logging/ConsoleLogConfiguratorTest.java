package dev.switchboard.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

class ConsoleLogConfiguratorTest {
  @Test
  void theLevelComesFromTheEnvironmentAndABadNameFallsBackToInfo() {
    assertEquals(Level.DEBUG, ConsoleLogConfigurator.rootLevel("debug"));
    assertEquals(Level.WARN, ConsoleLogConfigurator.rootLevel(" WARN "));
    assertEquals(Level.INFO, ConsoleLogConfigurator.rootLevel("loud"));
    assertEquals(Level.INFO, ConsoleLogConfigurator.rootLevel(null));
  }

  @Test
  void frameworksAreQuietAndTheRootHasTheConsole() {
    LoggerContext ctx = new LoggerContext();
    ConsoleLogConfigurator c = new ConsoleLogConfigurator();
    c.setContext(ctx);
    c.configure(ctx);
    assertEquals(Level.WARN, ctx.getLogger("io.netty").getLevel());
    assertEquals(Level.WARN, ctx.getLogger("io.vertx").getLevel());
    assertEquals("STDOUT", ctx.getLogger("ROOT").iteratorForAppenders().next().getName());
  }
}
