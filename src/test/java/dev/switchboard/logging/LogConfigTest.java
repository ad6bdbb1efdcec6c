package dev.switchboard.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ConfigTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogConfigTest {
  @BeforeAll
  static void env() {
    LogConfig.registerEnv();
  }

  private static LogConfig load(String json, Map<String, String> env) throws Exception {
    Path f = Files.createTempFile("log-config", ".json");
    try {
      Files.writeString(f, json);
      return LogConfig.from(ConfigLoader.load(f, env).tree());
    } finally {
      Files.delete(f);
    }
  }

  @Test
  void defaultsAreHumanLinesAtInfo() throws Exception {
    LogConfig c = LogConfig.from(ConfigTree.empty());
    assertEquals("human", c.format());
    assertEquals("info", c.level());
    assertEquals(Map.of(), c.levels());
  }

  @Test
  void theFileSetsFormatLevelAndPerPackageLevels() throws Exception {
    LogConfig c = load("""
        {"log":{"format":"JSON","level":"warn","levels":{"dev.switchboard.webhook":"debug","io.netty":"Info"}}}
        """, Map.of());
    assertEquals("json", c.format());
    assertEquals("warn", c.level());
    assertEquals(Map.of("dev.switchboard.webhook", "debug", "io.netty", "info"), c.levels());
  }

  @Test
  void environmentVariablesTakeJsonOrNameEqualsLevelPairs() throws Exception {
    LogConfig c = load("{}", Map.of("SWITCHBOARD_LOG_FORMAT", "json", "SWITCHBOARD_LOG_LEVEL", "debug",
        "SWITCHBOARD_LOG_LEVELS", "dev.switchboard.cluster=trace, io.vertx=error"));
    assertEquals("json", c.format());
    assertEquals("debug", c.level());
    assertEquals(Map.of("dev.switchboard.cluster", "trace", "io.vertx", "error"), c.levels());
    assertEquals("json", load("{}", Map.of("LOG_OUTPUT_FORMAT", "json")).format(), "Sockudo's name");
    assertEquals("human", load("{}", Map.of("LOG_OUTPUT_FORMAT", "text")).format());
    LogConfig j = load("{}", Map.of("SWITCHBOARD_LOG_LEVELS", "{\"dev.switchboard.webhook\":\"debug\"}"));
    assertEquals(Map.of("dev.switchboard.webhook", "debug"), j.levels());
  }

  @Test
  void anUnknownLevelOrFormatIsOneLineNamingTheKey() {
    assertEquals("invalid config log.levels[dev.switchboard.webhook]=\"loud\": expected one of trace, debug, info,"
        + " warn, error, off", assertThrows(ConfigException.class,
            () -> load("{\"log\":{\"levels\":{\"dev.switchboard.webhook\":\"loud\"}}}", Map.of())).getMessage());
    assertEquals("invalid config SWITCHBOARD_LOG_LEVELS[io.netty]=\"verbose\": expected one of trace, debug, info,"
        + " warn, error, off", assertThrows(ConfigException.class,
            () -> load("{}", Map.of("SWITCHBOARD_LOG_LEVELS", "io.netty=verbose"))).getMessage());
    assertEquals("invalid config SWITCHBOARD_LOG_LEVEL=\"chatty\": expected one of trace, debug, info, warn, error,"
        + " off", assertThrows(ConfigException.class,
            () -> load("{}", Map.of("SWITCHBOARD_LOG_LEVEL", "chatty"))).getMessage());
    assertEquals("invalid config log.format=xml: expected human (or text) or json", assertThrows(ConfigException.class,
        () -> load("{\"log\":{\"format\":\"xml\"}}", Map.of())).getMessage());
    assertEquals("invalid config SWITCHBOARD_LOG_LEVELS=\"io.netty\": expected name=level pairs separated by commas",
        assertThrows(ConfigException.class, () -> load("{}", Map.of("SWITCHBOARD_LOG_LEVELS", "io.netty")))
            .getMessage());
  }
}
