package dev.switchboard.bench.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every client socket (WebSocket and HTTP) of one bench run lives on. Native epoll by default,
 * because the generator shares a small box with the server and must not be the bottleneck; io_uring on request
 * (it reaps many sockets' received frames per system call, which is where a fan-out generator spends its core).
 * A choice the kernel lacks falls back to epoll, then NIO, with the reason printed.
 */
public final class Transport implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelClass;
    private final boolean epoll;

    private Transport(EventLoopGroup group, Class<? extends SocketChannel> channelClass, boolean epoll) {
        this.group = group;
        this.channelClass = channelClass;
        this.epoll = epoll;
    }

    /** {@code kind} is epoll, io_uring or nio. */
    public static Transport create(int threads, String kind) {
        if (kind.equals("io_uring")) {
            if (IoUring.isAvailable()) {
                // a broadcast to 5,000 sockets completes 5,000 reads at once: with the default 4,096-entry
                // completion queue Netty takes its overflow path (and warns) on every fan-out
                IoUringIoHandlerConfig config = new IoUringIoHandlerConfig().setCqSize(16384);
                return new Transport(new MultiThreadIoEventLoopGroup(threads, IoUringIoHandler.newFactory(config)),
                        IoUringSocketChannel.class, false);
            }
            System.err.println("[bench] io_uring unavailable (" + IoUring.unavailabilityCause() + "); using epoll");
        }
        if (!kind.equals("nio") && Epoll.isAvailable()) {
            return new Transport(new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory()),
                    EpollSocketChannel.class, true);
        }
        return new Transport(new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()),
                NioSocketChannel.class, false);
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends SocketChannel> channelClass() {
        return channelClass;
    }

    /** Whether epoll-only socket options (choosing the source port at connect time) apply. */
    public boolean epoll() {
        return epoll;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
