package dev.switchboard.signaling;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand on a plain socket, for what a well-behaved client library will not
 * do: stay silent when pinged (a dead peer), or announce a frame larger than the server reads.
 */
final class RawWebSocket implements AutoCloseable {
  /** One frame as read: its opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawWebSocket connect(int port, String path) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    RawWebSocket ws = new RawWebSocket(s);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    ws.out.write(req.getBytes(StandardCharsets.US_ASCII));
    ws.out.flush();
    String status = ws.readHeaders();
    if (!status.startsWith("HTTP/1.1 101")) {
      s.close();
      throw new IOException("handshake refused: " + status);
    }
    return ws;
  }

  private String readHeaders() throws IOException {
    StringBuilder all = new StringBuilder();
    InputStream raw = in;
    while (!all.toString().endsWith("\r\n\r\n")) {
      int b = raw.read();
      if (b < 0) {
        throw new IOException("connection closed during handshake");
      }
      all.append((char) b);
    }
    return all.substring(0, all.indexOf("\r\n"));
  }

  void sendText(String text) throws IOException {
    sendFrameHeader(0x1, text.getBytes(StandardCharsets.UTF_8).length);
    sendMasked(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a frame header (client frames are masked) announcing {@code length} payload bytes. */
  void sendFrameHeader(int opcode, long length) throws IOException {
    out.write(0x80 | opcode);
    if (length < 126) {
      out.write(0x80 | (int) length);
    } else if (length < 65_536) {
      out.write(0x80 | 126);
      out.write((int) (length >>> 8));
      out.write((int) length);
    } else {
      out.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (length >>> (8 * i)));
      }
    }
    out.write(new byte[4]); // a zero mask leaves the payload as written
    out.flush();
  }

  void sendMasked(byte[] payloadWithZeroMask) throws IOException {
    out.write(payloadWithZeroMask);
    out.flush();
  }

  /** The next frame from the server; an empty close frame with opcode 8 when the connection ends. */
  Frame read() throws IOException {
    int b0;
    try {
      b0 = in.read();
    } catch (java.net.SocketException reset) {
      b0 = -1;
    }
    if (b0 < 0) {
      return new Frame(0x8, new byte[0]);
    }
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7f;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return new Frame(b0 & 0x0f, payload);
  }

  /** Reads frames until one with {@code opcode} arrives (or the connection ends). */
  Frame readUntil(int opcode) throws IOException {
    while (true) {
      Frame f = read();
      if (f.opcode() == opcode || f.opcode() == 0x8) {
        return f;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
