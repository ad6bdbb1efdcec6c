package dev.switchboard.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {
  private static ConsoleConfig of(String json) throws Exception {
    return ConsoleConfig.from(new ConfigTree((ObjectNode) new ObjectMapper().readTree(json)));
  }

  @Test
  void theConsoleIsOffByDefault() throws Exception {
    ConsoleConfig c = of("{}");
    assertFalse(c.enabled());
    assertEquals("", c.token());
    assertEquals(1000, c.logSize());
  }

  @Test
  void keysAreRead() throws Exception {
    ConsoleConfig c = of("{\"console\":{\"enabled\":true,\"token\":\"0123456789abcdef\",\"log_size\":50}}");
    assertTrue(c.enabled());
    assertEquals("0123456789abcdef", c.token());
    assertEquals(50, c.logSize());
  }

  @Test
  void aShortTokenFailsNamingTheKeyWithoutShowingIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> of("{\"console\":{\"token\":\"short-secret\"}}"));
    assertTrue(e.getMessage().contains("console.token"), e.getMessage());
    assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
  }

  @Test
  void aLogSizeOutOfRangeFails() {
    assertThrows(ConfigException.class, () -> of("{\"console\":{\"log_size\":1}}"));
  }
}
