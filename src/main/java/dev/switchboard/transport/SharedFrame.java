package dev.switchboard.transport;

import dev.switchboard.core.OutboundMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The native copy of the message a loop is broadcasting, shared by all of that loop's recipients. The
 * epoll transport only writes from native memory, so a heap frame would be copied once per recipient;
 * here it is copied once per loop and each socket holds a reference to the same bytes, which also keeps a
 * slow reader's queue from holding its own copy of every frame. Recipients never move the buffer's
 * indexes (see {@link WsFrameHandler#queueFrame}). Loop-confined.
 */
final class SharedFrame {
  private OutboundMessage message;
  private ByteBuf bytes;

  /** {@code m}'s frame with one more reference, for one socket; the socket releases it once written. */
  ByteBuf retained(OutboundMessage m, ByteBufAllocator alloc) {
    if (m != message) {
      if (bytes != null) {
        bytes.release(); // sockets still sending the previous frame hold their own references
      }
      byte[] frame = m.frame();
      bytes = alloc.directBuffer(frame.length, frame.length).writeBytes(frame);
      message = m;
    }
    return bytes.retain();
  }
}
