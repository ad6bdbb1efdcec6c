package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * RFC 6455 §5.2 framing for client-to-server frames, read straight from the socket's bytes: no decoder
 * handler, context or frame objects per connection (an idle socket holds nothing here; about 130 bytes
 * less per connection than Netty's WebSocket decoder). Frame-level rules are enforced here (masking,
 * reserved bits and opcodes, control frames final and at most 125 bytes, minimal lengths, the size limit);
 * a violation ends decoding and reports the close code, and later input is discarded. Payloads are unmasked
 * in place and handed over as slices that are valid during the call only.
 */
abstract class WsFrameDecoder extends ChannelInboundHandlerAdapter {
  /** Held bytes may exceed one frame only before the dialect attaches, by at most a read or two. */
  private static final int MAX_HELD_BEYOND_FRAME = 64 * 1024;

  /** Bytes of an incomplete frame, or frames held until the dialect attaches; null on an idle socket. */
  private ByteBuf pending;
  private boolean failed;

  /** The largest frame payload accepted; a longer one fails with 1009 before its bytes arrive. */
  protected abstract int maxFrameBytes();

  /** False while frames must wait (the dialect has not attached yet); they stay pending until then. */
  protected abstract boolean ready();

  /** One complete frame; {@code payload} is unmasked and only valid during the call. */
  protected abstract void onFrame(ChannelHandlerContext ctx, int opcode, boolean fin, ByteBuf payload);

  /** The client broke the protocol; decoding has stopped for good. */
  protected abstract void onViolation(int code, String reason);

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in) || failed) {
      ReferenceCountUtil.release(msg); // e.g. the upgrade request's empty last content
      return;
    }
    // an incomplete frame grows in place (amortised), not copied whole on every read
    ByteBuf buf = pending == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), pending, in);
    pending = null;
    decode(ctx, buf);
  }

  /**
   * Call once {@link #ready()} turned true (on the loop): what was held back is decoded in a later task, so
   * the dialect finishes attaching first. Nothing is scheduled when nothing was held (almost always).
   */
  protected final void decodeHeld(ChannelHandlerContext ctx) {
    if (pending != null) {
      ctx.executor().execute(() -> {
        ByteBuf held = pending;
        if (held != null) {
          pending = null;
          decode(ctx, held);
        }
      });
    }
  }

  private void decode(ChannelHandlerContext ctx, ByteBuf buf) {
    try {
      while (!failed && buf.isReadable() && ready() && ctx.channel().isActive() && frame(ctx, buf)) {
        // one frame per turn of the loop
      }
      if (!failed && buf.isReadable() && ctx.channel().isActive()) {
        if (buf.readableBytes() > maxFrameBytes() + MAX_HELD_BEYOND_FRAME) {
          fail(1009, "Message too big"); // only possible while waiting for the dialect: it pauses reading
        } else {
          pending = buf;
          buf = null;
        }
      }
    } finally {
      if (buf != null) {
        buf.release();
      }
    }
  }

  /** Decodes one frame from {@code buf}; false when it is not complete yet or the client broke a rule. */
  private boolean frame(ChannelHandlerContext ctx, ByteBuf buf) {
    int at = buf.readerIndex();
    int available = buf.readableBytes();
    if (available < 2) {
      return false;
    }
    int b0 = buf.getUnsignedByte(at);
    int b1 = buf.getUnsignedByte(at + 1);
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0F;
    if ((b0 & 0x70) != 0) {
      return fail(1002, "Reserved bits set without a negotiated extension");
    }
    if ((b1 & 0x80) == 0) {
      return fail(1002, "Client frames must be masked");
    }
    boolean control = opcode >= WsFrames.CLOSE;
    if (opcode > WsFrames.BINARY && opcode < WsFrames.CLOSE || opcode > WsFrames.PONG) {
      return fail(1002, "Unknown opcode " + opcode);
    }
    long length = b1 & 0x7F;
    int header = 2;
    if (control && (!fin || length > 125)) {
      return fail(1002, "Control frames must be final and at most 125 bytes");
    }
    if (length == 126) {
      if (available < 4) {
        return false;
      }
      length = buf.getUnsignedShort(at + 2);
      header = 4;
      if (length < 126) {
        return fail(1002, "Frame length not in its shortest form");
      }
    } else if (length == 127) {
      if (available < 10) {
        return false;
      }
      length = buf.getLong(at + 2);
      header = 10;
      if (length < 65_536) { // also a negative length: the top bit must be 0
        return fail(1002, "Frame length not in its shortest form");
      }
    }
    if (length > maxFrameBytes()) {
      return fail(1009, "Message too big");
    }
    int size = (int) length;
    int start = at + header + 4;
    if (available < header + 4 + size) {
      return false;
    }
    unmask(buf, start, size, buf.getInt(at + header));
    buf.readerIndex(start + size);
    onFrame(ctx, opcode, fin, buf.slice(start, size));
    return true;
  }

  private static void unmask(ByteBuf buf, int start, int size, int mask) {
    if (mask == 0) {
      return;
    }
    long mask8 = (mask & 0xFFFFFFFFL) << 32 | (mask & 0xFFFFFFFFL);
    int i = start;
    int end = start + size;
    for (; i + 8 <= end; i += 8) {
      buf.setLong(i, buf.getLong(i) ^ mask8);
    }
    for (int k = (i - start) & 3; i < end; i++, k = (k + 1) & 3) {
      buf.setByte(i, buf.getByte(i) ^ (mask >>> (24 - 8 * k)));
    }
  }

  /**
   * The client broke the protocol: decoding stops for good, so frames after the offending one (in the same
   * read or later) are discarded, not answered or delivered, and {@link #onViolation} closes. Also for the
   * rules the subclass checks on whole frames and messages (fragments, UTF-8, close payloads).
   */
  protected final boolean fail(int code, String reason) {
    failed = true;
    onViolation(code, reason);
    return false;
  }

  /** Drops held bytes; the subclass calls it when the channel goes away. */
  protected final void releasePending() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }
}
