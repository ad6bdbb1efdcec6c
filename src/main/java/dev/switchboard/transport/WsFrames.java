package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the few frames a server writes outside broadcasts (text replies, ping, pong, close) straight to
 * bytes, so an upgraded socket needs no WebSocket encoder in its pipeline (one handler and context fewer
 * per connection). Server frames are never masked (RFC 6455 §5.1).
 */
final class WsFrames {
  /** RFC 6455 §5.2 opcodes, for these encoders and for {@link WsFrameDecoder}. */
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;
  /** Control frames carry at most 125 bytes; a close frame spends two on the code. */
  private static final int MAX_CLOSE_REASON = 123;

  private WsFrames() {}

  static ByteBuf text(ByteBufAllocator alloc, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteBuf out = header(alloc, TEXT, bytes.length);
    return out.writeBytes(bytes);
  }

  static ByteBuf ping(ByteBufAllocator alloc) {
    return header(alloc, PING, 0);
  }

  /** A pong echoing {@code payload} (at most 125 bytes, as the decoder already enforced); not released here. */
  static ByteBuf pong(ByteBufAllocator alloc, ByteBuf payload) {
    int n = Math.min(125, payload.readableBytes());
    ByteBuf out = header(alloc, PONG, n);
    return out.writeBytes(payload, payload.readerIndex(), n);
  }

  static ByteBuf close(ByteBufAllocator alloc, int code, String reason) {
    byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(r.length, MAX_CLOSE_REASON);
    while (n > 0 && n < r.length && (r[n] & 0xC0) == 0x80) {
      n--; // do not cut a UTF-8 sequence in half: the client would fail the close frame as invalid text
    }
    ByteBuf out = header(alloc, CLOSE, 2 + n);
    return out.writeShort(code).writeBytes(r, 0, n);
  }

  private static ByteBuf header(ByteBufAllocator alloc, int opcode, int length) {
    int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    ByteBuf out = alloc.buffer(header + length);
    out.writeByte(0x80 | opcode); // FIN: the server never fragments
    if (length < 126) {
      out.writeByte(length);
    } else if (length < 65_536) {
      out.writeByte(126).writeShort(length);
    } else {
      out.writeByte(127).writeLong(length);
    }
    return out;
  }
}
