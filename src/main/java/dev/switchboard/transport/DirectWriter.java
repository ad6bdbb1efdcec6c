package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.IovArray;
import java.io.IOException;

/**
 * Writes a socket's queued frames straight to its file descriptor: one {@code write()} for one frame, one
 * {@code writev()} for several. Going through the channel instead costs an outbound-buffer entry and a
 * buffer view per frame and socket; a broadcast to thousands of sockets made millions of them a second,
 * and the ones still waiting for the flush pass at a young collection were promoted as garbage. Callers
 * use it only while the channel's own buffer is empty (so order holds) and hand the kernel's leftovers to
 * the channel, which waits for the socket to become writable. Loop-confined: one iovec array per loop.
 */
final class DirectWriter {
  private IovArray iov;

  /**
   * Writes {@code first} and then {@code rest[0..restCount)}; returns how many bytes the kernel took (0
   * when its buffer is full). Buffers keep their indexes: they are shared by every recipient on the loop.
   *
   * @throws IOException when the connection is gone (reset, broken pipe)
   */
  long write(FileDescriptor fd, ByteBuf first, ByteBuf[] rest, int restCount) throws IOException {
    if (restCount == 0) {
      return fd.writeAddress(first.memoryAddress(), first.readerIndex(), first.writerIndex());
    }
    if (iov == null) {
      iov = new IovArray(); // 1,024 entries; more frames than that wait for the channel's next write
    }
    iov.clear();
    iov.add(first, first.readerIndex(), first.readableBytes());
    for (int i = 0; i < restCount; i++) {
      if (!iov.add(rest[i], rest[i].readerIndex(), rest[i].readableBytes())) {
        break; // the array is full: the frames left over go to the channel
      }
    }
    return fd.writevAddresses(iov.memoryAddress(0), iov.count());
  }
}
