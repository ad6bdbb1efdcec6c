package dev.switchboard.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigException;
import org.junit.jupiter.api.Test;

class LogSafeTest {
  @Test
  void userInfoOfEveryUrlIsMaskedAndTheRestKept() {
    assertEquals("redis://***@127.0.0.1:6379/0", LogSafe.url("redis://:pw@127.0.0.1:6379/0"));
    assertEquals("nats://***@a:4222,nats://***@b:4222", LogSafe.url("nats://u:p@a:4222,nats://u:p@b:4222"));
    assertEquals("[nats://***@h:1]", LogSafe.url("[nats://u:p@h:1]"));
    assertEquals("amqp://127.0.0.1:5672", LogSafe.url("amqp://127.0.0.1:5672"));
    assertEquals("https://***@hooks.test/x?a=b@c", LogSafe.url("https://user:p%40ss@hooks.test/x?a=b@c"));
  }

  @Test
  void controlCharactersAreEscapedAndLongTextCut() {
    assertEquals("a\\u000aforged\\u0000", LogSafe.text("a\nforged\u0000"));
    assertEquals("plain ../x %2F", LogSafe.text("plain ../x %2F"));
    String cut = LogSafe.text("x".repeat(500));
    assertTrue(cut.startsWith("x".repeat(100) + "...(500 chars)"), cut);
  }

  @Test
  void aConfigErrorShowsNeitherASecretKeysValueNorAUrlPassword() {
    assertEquals("invalid config signaling.auth.hmac_secret=***: expected at least 32 bytes",
        ConfigException.invalid("signaling.auth.hmac_secret", "short", "at least 32 bytes").getMessage());
    assertEquals("invalid config queue.rabbitmq.url=amqp://***@h:port: expected a URL",
        ConfigException.invalid("queue.rabbitmq.url", "amqp://u:pw@h:port", "a URL").getMessage());
    assertEquals("invalid config port=abc: expected a number",
        ConfigException.invalid("port", "abc", "a number").getMessage());
  }
}
