package dev.switchboard.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;

/** What the server wrote to an embedded connection so far, as bytes, taken off the channel. */
public final class Outbound {
  private Outbound() {}

  public static byte[] drain(EmbeddedChannel ch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      if (o instanceof ByteBuf b) {
        byte[] bytes = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), bytes);
        out.writeBytes(bytes);
        b.release();
      }
    }
    return out.toByteArray();
  }
}
