package dev.switchboard.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.EmbeddedServer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP API as a client reaches it, through the real HTTP codec and router: every complete request gets an
 * HTTP answer whose status is one the API documents (never 500, never a connection dropped without an answer,
 * never an ERROR in the log); an incomplete one gets nothing yet and the connection stays open.
 */
class HttpApiFuzzTest {
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");
  private static final EmbeddedServer SERVER = new EmbeddedServer(Map.of(
      "SWITCHBOARD_DEFAULT_APP_ENABLE_CLIENT_MESSAGES", "true"));
  private static LogAlarm alarm;

  @BeforeAll
  static void listen() {
    alarm = LogAlarm.install();
  }

  @AfterAll
  static void quiet() {
    alarm.close();
  }

  /** Any bytes as an HTTP request: request line, headers (query strings, paths, lengths) and body. */
  @FuzzTest
  void rawRequest(byte[] data) {
    exchange(data);
  }

  /**
   * A correctly signed POST whose lines are: the endpoint ({@code events} or {@code batch_events}, or any
   * other path under the app), extra query parameters, then the body. Signed as the Pusher libraries sign, so
   * the body reaches the event validation (trigger and batch bodies).
   */
  @FuzzTest
  void signedPost(byte[] data) {
    String[] p = FuzzInput.lines(data, 3);
    byte[] body = p[2].getBytes(StandardCharsets.UTF_8);
    String path = "/apps/app-id/" + p[0];
    String uri = PusherSigning.signedUri("POST", path, p[1], body, "app-key", "app-secret");
    if (uri == null || uri.indexOf(' ') >= 0 || uri.indexOf('\r') >= 0) {
      return; // not a request line a client can send
    }
    String head = "POST " + uri + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8); // a path the fuzzer wrote may hold any text
    byte[] req = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, req, 0, headBytes.length);
    System.arraycopy(body, 0, req, headBytes.length, body.length);
    int status = exchange(req);
    if (status == 401 && p[1].isEmpty() && p[0].matches("(batch_)?events")) {
      fail("a correctly signed request was refused as unsigned");
    }
  }

  /** Sends {@code req} on a new connection and checks the answer; the status, or 0 when none is due. */
  private static int exchange(byte[] req) {
    EmbeddedChannel ch = SERVER.connect();
    try {
      ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(req));
      SERVER.settle(ch);
      String out = new String(Outbound.drain(ch), StandardCharsets.ISO_8859_1);
      assertNull(alarm.take(), "the server logged an unexpected failure");
      if (out.isEmpty()) {
        assertTrue(ch.isActive() || ch.isOpen(), "a connection dropped without an HTTP answer");
        return 0;
      }
      Matcher m = STATUS.matcher(out);
      assertTrue(m.find(), () -> "not an HTTP answer: " + out);
      int status = Integer.parseInt(m.group(1));
      assertTrue(status < 500 || status == 503, () -> "server error for a client's request: " + out);
      return status;
    } finally {
      ch.finishAndReleaseAll();
    }
  }
}
