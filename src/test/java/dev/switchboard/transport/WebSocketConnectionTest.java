package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketConnectionTest {
  @Test
  void receivedTextIsCountedByItsUtf8SizeWithoutEncodingIt() {
    for (String s : new String[] {"", "{\"event\":\"pusher:ping\"}", "é", "€uro", "😀 smile", "日本語テキスト"}) {
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, WebSocketConnection.utf8Length(s), s);
    }
  }
}
