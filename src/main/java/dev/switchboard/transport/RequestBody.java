package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The body of one HTTP request, read into a single array sized from {@code Content-Length} when the client
 * sends one: an API request then costs one exact-size array instead of a growing stream plus a copy.
 */
final class RequestBody {
  private static final byte[] EMPTY = new byte[0];
  /** A declared length is trusted up to this much before bytes arrive, so a lying client costs little. */
  private static final int MAX_PRESIZE = 64 * 1024;
  private final int limit;
  private byte[] bytes;
  private int size;
  private boolean tooLarge;

  /** {@code expected} is the declared Content-Length, or a negative number when there is none. */
  RequestBody(long expected, int limit) {
    this.limit = limit;
    this.tooLarge = expected > limit;
    this.bytes = expected <= 0 || tooLarge ? EMPTY : new byte[(int) Math.min(expected, MAX_PRESIZE)];
  }

  void append(ByteBuf content) {
    int n = content.readableBytes();
    if (tooLarge || n == 0) {
      return;
    }
    if (size + n > limit) {
      tooLarge = true;
      bytes = EMPTY; // nothing of it will be read; let it go now
      return;
    }
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + n, bytes.length * 2)));
    }
    content.getBytes(content.readerIndex(), bytes, size, n);
    size += n;
  }

  boolean tooLarge() {
    return tooLarge;
  }

  /** The bytes read; the array itself when it is exactly full (the usual case with Content-Length). */
  byte[] bytes() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }
}
