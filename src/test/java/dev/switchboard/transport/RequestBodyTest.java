package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void chunksAreJoinedWhetherOrNotTheLengthWasDeclared() {
    for (long declared : new long[] {-1, 0, 5, 11, 3}) {
      RequestBody b = new RequestBody(declared, 100);
      b.append(Unpooled.wrappedBuffer(ascii("hello ")));
      b.append(Unpooled.wrappedBuffer(ascii("world")));
      assertFalse(b.tooLarge());
      assertArrayEquals(ascii("hello world"), b.bytes(), "declared " + declared);
    }
  }

  @Test
  void aBodyPastTheLimitIsTooLargeWhetherDeclaredOrSent() {
    assertTrue(new RequestBody(101, 100).tooLarge());
    RequestBody sent = new RequestBody(-1, 10);
    sent.append(Unpooled.wrappedBuffer(ascii("0123456789")));
    assertFalse(sent.tooLarge());
    sent.append(Unpooled.wrappedBuffer(ascii("!")));
    assertTrue(sent.tooLarge());
  }

  @Test
  void aClientThatDeclaresMoreThanItSendsGetsWhatItSent() {
    RequestBody b = new RequestBody(1_000_000, 2_000_000);
    b.append(Unpooled.wrappedBuffer(ascii("{}")));
    assertArrayEquals(ascii("{}"), b.bytes());
  }
}
