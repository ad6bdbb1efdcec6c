package dev.switchboard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameBufferTest {
  @Test
  void aMessageWrittenIntoTheBufferBecomesOneCompleteTextFrame() {
    FrameBuffer b = FrameBuffer.acquire();
    byte[] json = "{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    b.write(json, 0, json.length);
    OutboundMessage m = b.toMessage();
    b.release();
    assertEquals("{\"event\":\"x\"}", m.json());
    assertEquals((byte) 0x81, m.frame()[0]);
    assertEquals(json.length, m.frame()[1]);
  }

  @Test
  void theBufferIsReusedEmptyAndGrowsPastItsInitialSize() {
    FrameBuffer first = FrameBuffer.acquire();
    first.write('a');
    first.release();
    FrameBuffer again = FrameBuffer.acquire();
    String big = "x".repeat(70_000);
    byte[] bytes = big.getBytes(StandardCharsets.US_ASCII);
    again.write(bytes, 0, bytes.length);
    assertEquals(big, again.text());
    assertEquals(big, again.toMessage().json());
    again.release();
  }

  @Test
  void aNestedAcquireGetsItsOwnBuffer() {
    FrameBuffer outer = FrameBuffer.acquire();
    FrameBuffer inner = FrameBuffer.acquire();
    assertNotSame(outer, inner);
    outer.write('o');
    inner.write('i');
    assertEquals("o", outer.text());
    assertEquals("i", inner.text());
    inner.release();
    outer.release();
  }
}
