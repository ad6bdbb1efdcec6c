package dev.switchboard.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Opens Gateway-dialect sockets, {@code ws://host:port<path>?authorization=<JWT>}, each with its own token
 * (so each with its own upgrade request, built by {@link #upgradeRequest} before the timed part), and keeps
 * the live ones so a scenario can always close what it opened.
 */
public final class GatewayConnector implements AutoCloseable {
    private static final AttributeKey<GatewayConnection> CONNECTION = AttributeKey.valueOf("bench.gateway");
    private static final AttributeKey<byte[]> REQUEST = AttributeKey.valueOf("bench.gateway.request");
    private static final int MAX_FRAME = 1 << 20;

    private final String host;
    private final int port;
    private final String path;
    private final InetSocketAddress remote;
    private final SourceAddresses sources;
    private final Duration connectTimeout;
    private final Bootstrap bootstrap;
    private final Set<GatewayConnection> live = ConcurrentHashMap.newKeySet();

    public GatewayConnector(Transport transport, String host, int port, String path, SourceAddresses sources,
            Duration connectTimeout) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.remote = new InetSocketAddress(host, port);
        this.sources = sources;
        this.connectTimeout = connectTimeout;
        this.bootstrap = new Bootstrap()
                .group(transport.group())
                .channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        GatewayConnection connection = ch.attr(CONNECTION).get();
                        connection.attach(ch);
                        ch.pipeline().addLast(new WsClientCodec(ch.attr(REQUEST).getAndSet(null), MAX_FRAME),
                                new GatewayClientHandler(connection));
                    }
                });
        if (transport.epoll()) {
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
    }

    /** The upgrade request carrying {@code token} (URL-encoded) in {@code ?authorization=}. */
    public byte[] upgradeRequest(String token) {
        return WsClientCodec.upgradeRequest(host, port,
                path + "?authorization=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /**
     * Starts one socket with a request from {@link #upgradeRequest}; its {@link GatewayConnection#ready()}
     * completes at the first pong ({@code ping}) or at the 101, and fails on refusal or after the timeout.
     */
    public GatewayConnection open(byte[] upgradeRequest, boolean ping) {
        GatewayConnection connection = new GatewayConnection(System.nanoTime(), ping);
        Bootstrap b = bootstrap.clone().attr(CONNECTION, connection).attr(REQUEST, upgradeRequest);
        InetSocketAddress local = sources.next();
        ChannelFuture cf = local == null ? b.connect(remote) : b.connect(remote, local);
        live.add(connection);
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                connection.fail(f.cause());
                live.remove(connection);
            } else {
                cf.channel().closeFuture().addListener(x -> live.remove(connection));
            }
        });
        CompletableFuture<GatewayConnection> ready = connection.ready();
        if (!ready.isDone()) {
            LoopTimeouts.within(cf.channel().eventLoop(), ready, connectTimeout.toMillis());
        }
        ready.whenComplete((c, e) -> {
            if (e != null) {
                connection.abort();
            }
        });
        return connection;
    }

    public int liveCount() {
        return live.size();
    }

    /** Closes every connection still open (clean close handshake) and waits up to {@code timeout}. */
    public boolean closeAll(Duration timeout) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (GatewayConnection c : List.copyOf(live)) {
            closing.add(c.close());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            live.forEach(GatewayConnection::abort);
            return false;
        }
    }

    @Override
    public void close() {
        closeAll(Duration.ofSeconds(5));
    }
}
