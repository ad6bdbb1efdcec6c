package dev.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 as bytes on a plain TCP socket from a chosen loopback source address (127.0.0.2 is another client to
 * the server than 127.0.0.1), for requests no HTTP client sends: half-written heads, oversized lines, lying
 * Content-Lengths.
 */
public final class HttpWire implements AutoCloseable {
  /** A response as read: the status code, the head, the body. */
  public record Response(int status, String head, String body) {}

  private final Socket socket;
  private final InputStream in;

  private HttpWire(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  public static HttpWire open(int port, String sourceIp) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(sourceIp), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return new HttpWire(s);
  }

  public HttpWire send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** The next response (head, and a body of Content-Length bytes); fails after {@code timeoutMs}. */
  public Response read(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + head.size() + " bytes of a response head");
      }
      head.write(b);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Response(Integer.parseInt(h.substring(9, 12)), h, new String(body, StandardCharsets.UTF_8));
  }

  /** True when the server closes the connection within {@code timeoutMs} (anything it sent first is skipped). */
  public boolean closedWithin(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    try {
      while (in.read() >= 0) {
        // skip what precedes the end of the stream
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true; // a reset is a close too
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
