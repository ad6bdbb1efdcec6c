package dev.switchboard.testing;

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
 * do: stay silent when pinged (a dead peer), announce a frame larger than the server reads, send frames
 * that break RFC 6455, or split and pipeline its bytes in odd places.
 */
public final class RawWebSocket implements AutoCloseable {
  /** One frame as read: its opcode and payload. */
  public record Frame(int opcode, byte[] payload) {
    public int closeCode() {
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

  public static RawWebSocket connect(int port, String path) throws IOException {
    return connect(port, path, new byte[0]);
  }

  /** Connects, sending {@code pipelined} (e.g. frames) in the same write as the upgrade request. */
  public static RawWebSocket connect(int port, String path, byte[] pipelined) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    RawWebSocket ws = new RawWebSocket(s);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    byte[] head = req.getBytes(StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(head, head.length + pipelined.length);
    System.arraycopy(pipelined, 0, all, head.length, pipelined.length);
    ws.out.write(all);
    ws.out.flush();
    String status = ws.readHeaders();
    if (!status.startsWith("HTTP/1.1 101")) {
      s.close();
      throw new IOException("handshake refused: " + status);
    }
    return ws;
  }

  /**
   * A whole client frame: {@code firstByte} is FIN, RSV and opcode as sent, the payload is masked with a
   * random key unless {@code masked} is false (which breaks the protocol on purpose).
   */
  public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    writeHeader(b, firstByte, masked, payload.length);
    byte[] key = new byte[4];
    if (masked) {
      ThreadLocalRandom.current().nextBytes(key);
      b.writeBytes(key);
    }
    for (int i = 0; i < payload.length; i++) {
      b.write(payload[i] ^ key[i & 3]);
    }
    return b.toByteArray();
  }

  /** First byte, mask bit and the shortest length encoding (RFC 6455 §5.2); the mask key is not written. */
  private static void writeHeader(OutputStream o, int firstByte, boolean masked, long length) {
    try {
      int m = masked ? 0x80 : 0;
      o.write(firstByte);
      if (length < 126) {
        o.write(m | (int) length);
      } else if (length < 65_536) {
        o.write(m | 126);
        o.write((int) (length >>> 8));
        o.write((int) length);
      } else {
        o.write(m | 127);
        for (int i = 7; i >= 0; i--) {
          o.write((int) (length >>> (8 * i)));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A final, masked text frame. */
  public static byte[] textFrame(String text) {
    return frame(0x81, text.getBytes(StandardCharsets.UTF_8), true);
  }

  /** Writes bytes as they are, {@code chunk} bytes per write (with a pause, so they arrive separately). */
  public void sendRaw(byte[] bytes, int chunk) throws IOException {
    for (int i = 0; i < bytes.length; i += chunk) {
      out.write(bytes, i, Math.min(chunk, bytes.length - i));
      out.flush();
      if (chunk < bytes.length) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
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

  public void sendText(String text) throws IOException {
    sendFrameHeader(0x1, text.getBytes(StandardCharsets.UTF_8).length);
    sendMasked(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a frame header (client frames are masked) announcing {@code length} payload bytes. */
  public void sendFrameHeader(int opcode, long length) throws IOException {
    writeHeader(out, 0x80 | opcode, true, length);
    out.write(new byte[4]); // a zero mask leaves the payload as written
    out.flush();
  }

  public void sendMasked(byte[] payloadWithZeroMask) throws IOException {
    out.write(payloadWithZeroMask);
    out.flush();
  }

  /** The next frame from the server; an empty close frame with opcode 8 when the connection ends. */
  public Frame read() throws IOException {
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

  /** Bytes the kernel already holds for this socket, unread (nothing waits for more). */
  public int available() throws IOException {
    return in.available();
  }

  /** Reads frames until one with {@code opcode} arrives (or the connection ends). */
  public Frame readUntil(int opcode) throws IOException {
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
