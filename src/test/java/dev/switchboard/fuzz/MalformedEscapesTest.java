package dev.switchboard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.EmbeddedServer;
import dev.switchboard.auth.BearerTokens;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed percent-escapes ({@code %zz}, a cut {@code %e}) in a request's path or query, found by
 * {@link HttpApiFuzzTest}: Netty's decoder throws on them, which used to end the connection without an answer
 * (app id in the path) or answer 500 and log an ERROR (query). Each is now refused as a bad request.
 */
class MalformedEscapesTest {
  private static final EmbeddedServer SERVER = new EmbeddedServer(Map.of());

  private static String exchange(String request) {
    EmbeddedChannel ch = SERVER.connect();
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(request.getBytes(StandardCharsets.ISO_8859_1)));
      SERVER.settle(ch);
      return new String(Outbound.drain(ch), StandardCharsets.ISO_8859_1);
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  private static void assertBadRequest(String target, String why) {
    String out = exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(out.startsWith("HTTP/1.1 400 "), () -> target + " answered: " + out);
    assertTrue(out.contains("{\"error\":\"Malformed percent-encoding in the " + why + "\""), out);
  }

  @Test
  void aMalformedAppIdIsABadRequest() {
    assertBadRequest("/apps/%zz/channels", "request path");
  }

  @Test
  void aMalformedChannelOrUserInThePathIsABadRequest() {
    assertBadRequest("/apps/app-id/channels/presence-%e", "request path");
    String out = exchange("POST /apps/app-id/users/%G1/terminate_connections HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 2\r\n\r\n{}");
    assertTrue(out.startsWith("HTTP/1.1 400 "), out);
  }

  @Test
  void aMalformedQueryIsABadRequest() {
    assertBadRequest("/apps/app-id/channels?filter_by_prefix=%zz&auth_key=app-key", "query string");
  }

  @Test
  void aWebSocketPathWithAMalformedAppKeyNamesNoEndpoint() {
    String out = exchange("GET /app/%zz HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertTrue(out.startsWith("HTTP/1.1 404 "), out);
  }

  @Test
  void aMalformedProtocolVersionIsAnUnsupportedProtocol() {
    String out = exchange("GET /app/app-key?protocol=%zz HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertTrue(out.startsWith("HTTP/1.1 101 "), out);
    assertTrue(out.contains("\"code\":4007"), () -> "a pusher:error 4007 frame: " + out);
  }

  @Test
  void aTokenParameterWithMalformedEscapesFallsBackToTheHeader() {
    assertEquals("abc", BearerTokens.from("/signaling?token=%zz", "Bearer abc", "token"));
    assertEquals(null, BearerTokens.from("/signaling?token=%zz&x=1", null, "token"));
  }
}
