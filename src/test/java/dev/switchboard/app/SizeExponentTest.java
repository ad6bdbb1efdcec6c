package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerLimits;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sizes in KB written with a huge exponent ({@code 1e-9999999}, {@code 1e-999999999}, {@code 1e999999999}): a
 * few characters in a config file, an environment variable or a store's text column. Rounding them to bytes
 * expanded the exponent: seconds of CPU for the first, an {@link ArithmeticException} (not the app's or the
 * config's error) for the second. Now a size below 1e-30 KB is 0 bytes, as it rounds anyway, and a size too
 * large is refused with the usual message, each at once.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class SizeExponentTest {
  private static App app(String kb) {
    return AppParser.parse(AppField.definition(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
        .put("id", "1").put("key", "k").put("secret", "s").put("max_event_payload_in_kb", kb)),
        ServerLimits.DEFAULTS);
  }

  @Test
  void aTinySizeIsZeroBytes() {
    assertEquals(0, app("1e-9999999").maxEventPayloadBytes());
    assertEquals(0, app("1e-999999999").maxEventPayloadBytes());
    assertEquals(0, AppField.MAX_EVENT_PAYLOAD_IN_KB.value(TextNode.valueOf("1E-999999999")).asInt());
  }

  @Test
  void ordinaryDecimalsStillRound() {
    assertEquals(256, app("0.25").maxEventPayloadBytes());
    assertEquals(2, app("1.5e-3").maxEventPayloadBytes());
  }

  @Test
  void aHugeSizeIsRefusedAsAnAppError() {
    assertThrows(AppException.class, () -> app("1e999999999"));
  }

  @Test
  void aTinyConfigSizeIsZeroBytesAtOnce() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SOKETI_HTTP_REQUEST_LIMIT_IN_MB", "1e-999999999")));
    assertEquals(true, e.getMessage().contains("SOKETI_HTTP_REQUEST_LIMIT_IN_MB"), e.getMessage()); // 0: too small
  }

  @Test
  void aHugeConfigSizeIsAConfigError() {
    assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SOKETI_HTTP_REQUEST_LIMIT_IN_MB", "1e999999999")));
  }
}
