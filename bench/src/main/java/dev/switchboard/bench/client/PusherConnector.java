package dev.switchboard.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Opens Pusher WebSocket connections to {@code ws://host:port/app/{key}?protocol=7&client=bench&version=1}
 * and keeps track of the live ones so a scenario can always close what it opened.
 */
public final class PusherConnector implements AutoCloseable {
    private static final AttributeKey<PusherConnection> CONNECTION = AttributeKey.valueOf("bench.connection");
    private static final int MAX_FRAME = 4 << 20; // presence subscription_succeeded carries the member list

    private final InetSocketAddress remote;
    private final SourceAddresses sources;
    private final Duration connectTimeout;
    private final Bootstrap bootstrap;
    private final Set<PusherConnection> live = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> pinger;

    public PusherConnector(Transport transport, String host, int port, String appKey, SourceAddresses sources,
            Duration connectTimeout) {
        this.remote = new InetSocketAddress(host, port);
        this.sources = sources;
        this.connectTimeout = connectTimeout;
        byte[] upgrade = WsClientCodec.upgradeRequest(host, port,
                "/app/" + appKey + "?protocol=7&client=bench&version=1");
        this.bootstrap = new Bootstrap()
                .group(transport.group())
                .channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        PusherConnection connection = ch.attr(CONNECTION).get();
                        connection.attach(ch);
                        ClientTls.addTo(ch, host, port);
                        ch.pipeline().addLast(new WsClientCodec(upgrade, MAX_FRAME),
                                new PusherClientHandler(connection));
                    }
                });
        if (transport.epoll()) {
            // choose the ephemeral port at connect() time, per 4-tuple, instead of reserving it at bind()
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        // Pusher clients ping after activity_timeout of silence; one sweep instead of a timer per socket
        this.pinger = transport.group().next().scheduleAtFixedRate(this::pingIdle, 15, 15, TimeUnit.SECONDS);
    }

    /** Connect; completes at pusher:connection_established, fails on error or after the connect timeout. */
    public CompletableFuture<PusherConnection> connect(PusherListener listener) {
        PusherConnection connection = new PusherConnection(listener, System.nanoTime());
        Bootstrap b = bootstrap.clone().attr(CONNECTION, connection);
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
        CompletableFuture<PusherConnection> established = connection.established();
        if (!established.isDone()) { // done already when the socket could not even be created (no event loop)
            LoopTimeouts.within(cf.channel().eventLoop(), established, connectTimeout.toMillis());
        }
        return established.whenComplete((c, e) -> {
            if (e != null) {
                connection.abort();
            }
        });
    }

    public int liveCount() {
        return live.size();
    }

    /** Closes every connection still open (clean close handshake) and waits up to {@code timeout}. */
    public boolean closeAll(Duration timeout) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (PusherConnection c : List.copyOf(live)) {
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
            live.forEach(PusherConnection::abort);
            return false;
        }
    }

    private void pingIdle() {
        long now = System.nanoTime();
        for (PusherConnection c : live) {
            long idleSeconds = (now - c.lastReceivedNanos()) / 1_000_000_000L;
            if (c.socketId() != null && idleSeconds >= c.activityTimeoutSeconds() / 2) {
                c.send("pusher:ping", PusherConnection.JSON.createObjectNode());
                c.touch(now); // at most one ping per half timeout
            }
        }
    }

    @Override
    public void close() {
        pinger.cancel(false);
        closeAll(Duration.ofSeconds(5));
    }
}
