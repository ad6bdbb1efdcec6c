package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import dev.switchboard.testing.LogCapture;
import io.netty.channel.uring.IoUring;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** Every check of {@link PusherSdkIT}, with every socket on io_uring ({@code transport: io_uring}). */
class PusherSdkIoUringIT extends PusherSdkIT {
  @BeforeAll
  static void start() {
    assumeTrue(IoUring.isAvailable(), () -> "this kernel has no io_uring: " + IoUring.unavailabilityCause());
    try (LogCapture logs = new LogCapture()) {
      startWith(Map.of("SWITCHBOARD_TRANSPORT", "io_uring"));
      assertEquals(1, logs.lines(Level.INFO, "dev.switchboard.SwitchboardServer").stream()
          .filter(l -> l.contains("transport: io_uring")).count(), "the server did not start on io_uring");
    }
  }
}
