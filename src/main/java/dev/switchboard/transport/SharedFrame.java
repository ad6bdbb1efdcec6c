package dev.switchboard.transport;

import dev.switchboard.core.OutboundMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The native copy of the message a loop is broadcasting, shared by all of that loop's recipients. The
 * epoll transport only writes from native memory, so a heap frame would be copied once per recipient;
 * here it is copied once per loop and each socket gets a reference-counted view of the same bytes, which
 * also keeps a slow reader's queue from holding its own copy of every frame. Loop-confined.
 */
final class SharedFrame {
  private OutboundMessage message;
  private ByteBuf bytes;

  /** A view of {@code m}'s frame for one socket; the socket's write releases it. */
  ByteBuf viewOf(OutboundMessage m, ByteBufAllocator alloc) {
    if (m != message) {
      if (bytes != null) {
        bytes.release(); // sockets still writing the previous frame hold their own references
      }
      byte[] frame = m.frame();
      bytes = alloc.directBuffer(frame.length, frame.length).writeBytes(frame);
      message = m;
    }
    return bytes.retainedDuplicate();
  }
}
