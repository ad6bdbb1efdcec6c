package dev.switchboard.bench.http;

import dev.switchboard.bench.client.SourceAddresses;
import dev.switchboard.bench.client.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * One keep-alive HTTP/1.1 connection with at most one request in flight; later requests wait in a FIFO.
 * A closed-loop publisher owns one lane, so "N concurrent publishers" means exactly N connections and N
 * outstanding requests. All state lives on one event loop; {@link #send} may be called from any thread.
 * A dropped connection fails the request in flight and is re-opened for the next one.
 */
public final class HttpLane implements AutoCloseable {
    private final EventLoop loop;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final long timeoutNanos;
    private final Bootstrap bootstrap;
    private final LongAdder connects = new LongAdder();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ScheduledFuture<?> watchdog;
    private Channel channel;
    private boolean connecting;
    private boolean closed;
    private Pending inFlight;

    private static final class Pending {
        final FullHttpRequest request;
        final CompletableFuture<ApiResponse> future = new CompletableFuture<>();
        long startNanos;
        Channel on;

        Pending(FullHttpRequest request) {
            this.request = request;
        }
    }

    public HttpLane(Transport transport, String host, int port, SourceAddresses sources, Duration timeout) {
        this.loop = transport.group().next();
        this.remote = new InetSocketAddress(host, port);
        this.local = sources.next();
        this.timeoutNanos = timeout.toNanos();
        this.bootstrap = new Bootstrap().group(loop).channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        dev.switchboard.bench.client.ClientTls.addTo(ch, host, port);
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8 << 20),
                                new ResponseHandler());
                    }
                });
        if (transport.epoll()) {
            // servers that answer "Connection: close" (soketi does, on every API call) make every request a
            // new connection; pick the port per 4-tuple at connect() so TIME_WAIT ports do not block bind()
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        this.watchdog = loop.scheduleAtFixedRate(this::expire, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** TCP connections opened so far: 1 for a server that keeps connections alive, one per request if not. */
    public long connects() {
        return connects.sum();
    }

    /** Queue a request; completes with the response, or fails on connection loss or timeout. */
    public CompletableFuture<ApiResponse> send(FullHttpRequest request) {
        Pending p = new Pending(request);
        if (loop.inEventLoop()) {
            enqueue(p);
        } else {
            loop.execute(() -> enqueue(p));
        }
        return p.future;
    }

    private void enqueue(Pending p) {
        if (closed) {
            ReferenceCountUtil.release(p.request);
            p.future.completeExceptionally(new IllegalStateException("lane closed"));
            return;
        }
        queue.add(p);
        pump();
    }

    private void pump() {
        if (inFlight != null || queue.isEmpty()) {
            return;
        }
        if (channel == null || !channel.isActive()) {
            connect();
            return;
        }
        Pending p = queue.poll();
        inFlight = p;
        p.startNanos = System.nanoTime();
        p.on = channel;
        channel.writeAndFlush(p.request).addListener(f -> {
            if (!f.isSuccess() && inFlight == p) {
                p.on.close(); // channelInactive fails the request
            }
        });
    }

    private void connect() {
        if (connecting) {
            return;
        }
        connecting = true;
        connects.increment();
        (local == null ? bootstrap.connect(remote) : bootstrap.connect(remote, local)).addListener(f -> {
            connecting = false;
            ChannelFuture cf = (ChannelFuture) f;
            if (cf.isSuccess()) {
                channel = cf.channel();
                pump();
            } else {
                failQueued(cf.cause());
            }
        });
    }

    private void failQueued(Throwable cause) {
        Pending p;
        while ((p = queue.poll()) != null) {
            ReferenceCountUtil.release(p.request);
            p.future.completeExceptionally(cause);
        }
    }

    private void expire() {
        if (inFlight != null && System.nanoTime() - inFlight.startNanos > timeoutNanos && channel != null) {
            Pending p = inFlight;
            inFlight = null;
            p.future.completeExceptionally(new TimeoutException("HTTP request timed out"));
            channel.close();
        }
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Pending p = inFlight;
            inFlight = null;
            if (!HttpUtil.isKeepAlive(response)) {
                ctx.close();
            }
            if (p != null) {
                p.future.complete(new ApiResponse(response.status().code(),
                        response.content().toString(StandardCharsets.UTF_8), System.nanoTime() - p.startNanos));
            }
            pump();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                channel = null;
            }
            Pending p = inFlight;
            if (p != null && p.on == ctx.channel()) {
                inFlight = null;
                p.future.completeExceptionally(new IllegalStateException("HTTP connection closed"));
            }
            if (!closed) {
                pump();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        loop.execute(() -> {
            closed = true;
            watchdog.cancel(false);
            failQueued(new IllegalStateException("lane closed"));
            if (channel != null) {
                channel.close();
            }
        });
    }
}
