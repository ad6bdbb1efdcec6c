package dev.switchboard.core;

import java.nio.charset.StandardCharsets;

/**
 * One message encoded once for every recipient: the complete server-to-client WebSocket text frame
 * (RFC 6455 §5.2, unmasked) of a JSON payload. Broadcasts share one instance; the transport only copies
 * these bytes to the socket.
 */
public final class OutboundMessage {
  private final byte[] frame;
  private final int payloadOffset;

  private OutboundMessage(byte[] frame, int payloadOffset) {
    this.frame = frame;
    this.payloadOffset = payloadOffset;
  }

  public static OutboundMessage ofJson(byte[] json) {
    return ofJson(json, 0, json.length);
  }

  /** The frame of the JSON in {@code json[offset, offset + n)}; the bytes are copied. */
  public static OutboundMessage ofJson(byte[] json, int offset, int n) {
    int header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
    byte[] f = new byte[header + n];
    f[0] = (byte) 0x81; // FIN + text opcode
    if (n < 126) {
      f[1] = (byte) n;
    } else if (n < 65_536) {
      f[1] = 126;
      f[2] = (byte) (n >>> 8);
      f[3] = (byte) n;
    } else {
      f[1] = 127;
      for (int i = 0; i < 8; i++) {
        f[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
      }
    }
    System.arraycopy(json, offset, f, header, n);
    return new OutboundMessage(f, header);
  }

  /** Wraps a frame made by {@link #ofJson} (e.g. received from another node) without copying it. */
  public static OutboundMessage ofFrame(byte[] frame) {
    int len7 = frame[1] & 0x7f;
    return new OutboundMessage(frame, len7 < 126 ? 2 : len7 == 126 ? 4 : 10);
  }

  /** The whole frame, header included; callers must not modify it. */
  public byte[] frame() {
    return frame;
  }

  public int payloadLength() {
    return frame.length - payloadOffset;
  }

  /** The JSON text, for logs and tests. */
  public String json() {
    return new String(frame, payloadOffset, frame.length - payloadOffset, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return json();
  }
}
