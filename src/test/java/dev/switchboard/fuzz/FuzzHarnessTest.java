package dev.switchboard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.EmbeddedServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fuzz harnesses reach what they claim to: a message marked {@code "auth":"sign"} is signed for its socket
 * and subscribes to a private channel, and a POST signed by {@link PusherSigning} is accepted by the HTTP API.
 * Without this a harness that silently refused everything would still "pass" millions of executions.
 */
class FuzzHarnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EmbeddedServer SERVER = new EmbeddedServer(Map.of());

  @Test
  void aSignedPrivateSubscribeSucceeds() throws Exception {
    EmbeddedChannel ch = SERVER.connect();
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(PusherSocketFuzzTest.UPGRADE));
      SERVER.settle(ch);
      String established = PusherSocketFuzzTest.ServerFrames.read(Outbound.drain(ch)).texts().get(0);
      String socketId = JSON.readTree(JSON.readTree(established).get("data").asText()).get("socket_id").asText();
      String line = PusherSocketFuzzTest.signed(
          "{\"event\":\"pusher:subscribe\",\"data\":{\"auth\":\"sign\",\"channel\":\"private-room\"}}", socketId);
      ch.writeInbound(Unpooled.wrappedBuffer(PusherSocketFuzzTest.ClientFrames.text(line)));
      SERVER.settle(ch);
      List<String> texts = PusherSocketFuzzTest.ServerFrames.read(Outbound.drain(ch)).texts();
      assertEquals(1, texts.size(), texts::toString);
      assertEquals("pusher_internal:subscription_succeeded", JSON.readTree(texts.get(0)).get("event").asText());
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void aSignedTriggerIsAccepted() {
    byte[] body = "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"1\"}".getBytes(StandardCharsets.UTF_8);
    String uri = PusherSigning.signedUri("POST", "/apps/app-id/events", "", body, "app-key", "app-secret");
    EmbeddedChannel ch = SERVER.connect();
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(("POST " + uri + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body));
      SERVER.settle(ch);
      String out = new String(Outbound.drain(ch), StandardCharsets.ISO_8859_1);
      assertTrue(out.startsWith("HTTP/1.1 200 "), out);
    } finally {
      ch.finishAndReleaseAll();
    }
  }
}
