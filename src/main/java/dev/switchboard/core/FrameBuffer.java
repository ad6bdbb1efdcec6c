package dev.switchboard.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A per-thread byte sink that a message's JSON is written into before it becomes an {@link OutboundMessage}.
 * Reusing it means encoding a message allocates only the finished frame, not a growing buffer and its
 * copies. Not thread-safe: {@link #acquire} hands each thread its own, and a fresh one when the thread's is
 * already in use (an encoder that encodes a nested message).
 */
public final class FrameBuffer extends OutputStream {
  private static final ThreadLocal<FrameBuffer> PER_THREAD = ThreadLocal.withInitial(FrameBuffer::new);
  private static final int INITIAL = 1024;
  /** A thread keeps at most this much between messages; a rare huge message does not pin its buffer. */
  private static final int KEEP = 64 * 1024;
  private byte[] buf = new byte[INITIAL];
  private int size;
  private boolean inUse;

  private FrameBuffer() {}

  /** Writes a message's JSON into a buffer. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** {@code content} encoded as one WebSocket text frame, through the calling thread's buffer. */
  public static OutboundMessage message(Content content) {
    return write(content, FrameBuffer::toMessage);
  }

  /** {@code content} as text, through the calling thread's buffer. */
  public static String text(Content content) {
    return write(content, FrameBuffer::text);
  }

  private static <T> T write(Content content, Function<FrameBuffer, T> finish) {
    FrameBuffer b = acquire();
    try {
      content.writeTo(b);
      return finish.apply(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      b.release();
    }
  }

  /** The calling thread's buffer, emptied; give it back with {@link #release}. */
  public static FrameBuffer acquire() {
    FrameBuffer b = PER_THREAD.get();
    if (b.inUse) {
      b = new FrameBuffer();
    }
    b.inUse = true;
    b.size = 0;
    return b;
  }

  public void release() {
    inUse = false;
    if (buf.length > KEEP) {
      buf = new byte[INITIAL];
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
    }
  }

  /** The bytes written so far as one WebSocket text frame. */
  public OutboundMessage toMessage() {
    return OutboundMessage.ofJson(buf, 0, size);
  }

  /** The bytes written so far as text. */
  public String text() {
    return new String(buf, 0, size, StandardCharsets.UTF_8);
  }
}
