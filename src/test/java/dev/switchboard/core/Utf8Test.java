package dev.switchboard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void textIsMeasuredByItsUtf8SizeWithoutEncodingIt() {
    for (String s : new String[] {"", "{\"event\":\"pusher:ping\"}", "é", "€uro", "😀 smile", "日本語テキスト"}) {
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf8.length(s), s);
    }
  }

  @Test
  void aLoneSurrogateCountsThreeBytesTheMostAnEncoderWritesForIt() {
    assertEquals(5, Utf8.length("a\uD800b"));
  }
}
