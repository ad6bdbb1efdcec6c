package dev.switchboard.transport;

import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.vertx.core.transport.Transport;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel interface every socket uses (the {@code transport} setting). {@code auto} is epoll: io_uring
 * (one submission for a loop turn's writes) measured no faster on the machines the benchmarks ran on and
 * used more kernel CPU for presence fan-out, so it is there to choose, not the default. A choice the kernel
 * lacks falls back to epoll, then NIO, with the reason logged at start.
 */
public enum SocketTransport {
  IO_URING, EPOLL, NIO;

  private static final Logger LOG = LoggerFactory.getLogger(SocketTransport.class);

  /** The interface for a setting {@code ServerConfig} accepted; one the kernel lacks falls back, with a WARN. */
  public static SocketTransport resolve(String setting) {
    if (setting.equals("io_uring")) {
      if (IoUring.isAvailable()) {
        return IO_URING;
      }
      LOG.warn("transport io_uring unavailable ({}); trying epoll", IoUring.unavailabilityCause().toString());
    }
    if (setting.equals("nio")) {
      return NIO;
    }
    if (Epoll.isAvailable()) {
      return EPOLL;
    }
    if (!setting.equals("auto")) {
      LOG.warn("transport epoll unavailable ({}); using nio", Epoll.unavailabilityCause().toString());
    }
    return NIO;
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
