package dev.switchboard.transport;

import dev.switchboard.config.ConfigException;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.vertx.core.transport.Transport;
import java.util.Locale;

/**
 * The kernel interface every socket uses (the {@code transport} setting). {@code auto} is epoll: io_uring
 * (one submission for a loop turn's writes) measured no faster on the machines the benchmarks ran on and
 * used more kernel CPU for presence fan-out, so it is there to choose, not the default. A choice the kernel
 * lacks falls back to epoll, then NIO, with the reason logged at start.
 */
public enum SocketTransport {
  IO_URING, EPOLL, NIO;

  /** Parses the setting; an unavailable choice falls back (see {@link #fallbackReason}). */
  public static SocketTransport resolve(String setting) {
    return switch (setting) {
      case "io_uring" -> IoUring.isAvailable() ? IO_URING : resolve("epoll");
      case "auto", "epoll" -> Epoll.isAvailable() ? EPOLL : NIO;
      case "nio" -> NIO;
      default -> throw ConfigException.invalid("transport", setting, "one of auto, io_uring, epoll, nio");
    };
  }

  /** Why {@code setting} did not get its own interface, or null when it did (or asked for auto). */
  public static String fallbackReason(String setting, SocketTransport chosen) {
    if (setting.equals("io_uring") && chosen != IO_URING) {
      return "io_uring unavailable: " + IoUring.unavailabilityCause();
    }
    if ((setting.equals("epoll") || setting.equals("io_uring")) && chosen == NIO) {
      return "epoll unavailable: " + Epoll.unavailabilityCause();
    }
    return null;
  }

  /** The Vert.x transport, so Vert.x's timers and clients share the listener's loops. */
  public Transport vertx() {
    return switch (this) {
      case IO_URING -> Transport.IO_URING;
      case EPOLL -> Transport.EPOLL;
      case NIO -> Transport.NIO;
    };
  }

  Class<? extends ServerChannel> serverChannel() {
    return switch (this) {
      case IO_URING -> IoUringServerSocketChannel.class;
      case EPOLL -> EpollServerSocketChannel.class;
      case NIO -> NioServerSocketChannel.class;
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
