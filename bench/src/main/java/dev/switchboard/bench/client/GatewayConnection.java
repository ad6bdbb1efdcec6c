package dev.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One socket of the Gateway dialect ({@code ws /gateway?authorization=<JWT>}). Records the moments of its
 * handshake: TCP connect started, upgrade request written, {@code 101} (or the refusal's status line) read,
 * first pong read. {@link #ready()} completes at the first pong when it was opened with a ping, else at the 101.
 */
public final class GatewayConnection {
    static final String PING = "{\"action\":\"ping\"}";

    private final long startNanos;
    private final boolean pingOnUpgrade;
    private final CompletableFuture<GatewayConnection> ready = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile long upgradeSentNanos;
    private volatile long answeredNanos; // 101, or the refusal's status line
    private volatile long pongNanos;
    private volatile int refusedStatus = -1;
    private volatile int serverCloseCode = -1;
    private volatile boolean closeRequested;
    // bumped on the socket's own loop only
    private volatile long pongs;
    private volatile long forbidden;
    private volatile long otherFrames;
    private volatile String connectionId;
    private volatile TextListener listener;

    /** Sees every server text frame that is neither a pong nor a Forbidden, on the socket's event loop. */
    @FunctionalInterface
    public interface TextListener {
        void onText(long nowNanos, ByteBuf text);
    }

    GatewayConnection(long startNanos, boolean pingOnUpgrade) {
        this.startNanos = startNanos;
        this.pingOnUpgrade = pingOnUpgrade;
    }

    /** Completes at the first pong (opened with a ping) or at the 101; fails on refusal, close or timeout. */
    public CompletableFuture<GatewayConnection> ready() {
        return ready;
    }

    /** TCP connect start to the 101 (or the refusal), ns; 0 before it. */
    public long handshakeNanos() {
        return answeredNanos == 0 ? 0 : answeredNanos - startNanos;
    }

    /** Upgrade request written (TCP connected) to the 101 (or the refusal), ns; 0 before it. */
    public long upgradeNanos() {
        return answeredNanos == 0 || upgradeSentNanos == 0 ? 0 : answeredNanos - upgradeSentNanos;
    }

    /** TCP connect start to the first pong, ns; 0 before it. */
    public long firstPongNanos() {
        return pongNanos == 0 ? 0 : pongNanos - startNanos;
    }

    /** 101 to the first pong (one ping round trip on a fresh socket), ns; 0 before it. */
    public long pingRoundTripNanos() {
        return pongNanos == 0 || answeredNanos == 0 ? 0 : pongNanos - answeredNanos;
    }

    /** The HTTP status of a refused upgrade, -1 when not refused. */
    public int refusedStatus() {
        return refusedStatus;
    }

    public int serverCloseCode() {
        return serverCloseCode;
    }

    public long pongs() {
        return pongs;
    }

    public long forbidden() {
        return forbidden;
    }

    public long otherFrames() {
        return otherFrames;
    }

    /** The {@code connectionId} of the first pong that carried one (API Gateway's id for @connections); null before. */
    public String connectionId() {
        return connectionId;
    }

    /** Frames other than pongs and Forbidden go to {@code l} from now on (set before the traffic starts). */
    public void listen(TextListener l) {
        listener = l;
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Whether the socket's outbound buffer is below its high-water mark. */
    public boolean isWritable() {
        Channel ch = channel;
        return ch != null && ch.isWritable();
    }

    public EventExecutor eventLoop() {
        Channel ch = channel;
        return ch == null ? null : ch.eventLoop();
    }

    /** Writes one text frame without flushing; call on the socket's loop, then {@link #flush()}. */
    public void write(String text) {
        Channel ch = channel;
        if (ch != null) {
            ch.write(WsClientCodec.text(ch.alloc(), text), ch.voidPromise());
        }
    }

    public void flush() {
        Channel ch = channel;
        if (ch != null) {
            ch.flush();
        }
    }

    /** Writes and flushes one text frame (from any thread). */
    public void send(String text) {
        Channel ch = channel;
        if (ch != null) {
            ch.writeAndFlush(WsClientCodec.text(ch.alloc(), text), ch.voidPromise());
        }
    }

    /** Clean close: close frame 1000, TCP close when the server answers or after 3 s. */
    public CompletableFuture<Void> close() {
        closeRequested = true;
        Channel ch = channel;
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (ch == null) {
            done.complete(null);
            return done;
        }
        ch.closeFuture().addListener(f -> done.complete(null));
        if (ch.isActive() && answeredNanos != 0 && refusedStatus < 0) {
            ch.writeAndFlush(WsClientCodec.close(ch.alloc(), 1000));
            ch.eventLoop().schedule(() -> ch.close(), 3, TimeUnit.SECONDS);
        } else {
            ch.close();
        }
        return done;
    }

    public void abort() {
        closeRequested = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    boolean closeRequested() {
        return closeRequested;
    }

    void attach(Channel ch) {
        channel = ch;
    }

    void onUpgradeSent(long now) {
        upgradeSentNanos = now;
    }

    void onUpgraded(long now) {
        answeredNanos = now;
        if (pingOnUpgrade) {
            send(PING);
        } else {
            ready.complete(this);
        }
    }

    void onRefused(long now, int status, Throwable why) {
        answeredNanos = now;
        refusedStatus = status;
        ready.completeExceptionally(why);
    }

    void onText(long now, ByteBuf text) {
        switch (GatewayFrames.kind(text)) {
            case PONG -> {
                pongs++;
                if (connectionId == null) {
                    connectionId = GatewayFrames.stringField(text, GatewayFrames.CONNECTION_ID);
                }
                if (pongNanos == 0) {
                    pongNanos = now;
                    ready.complete(this);
                }
            }
            case FORBIDDEN -> forbidden++;
            default -> {
                otherFrames++;
                TextListener l = listener;
                if (l != null) {
                    l.onText(now, text);
                }
            }
        }
    }

    void onServerClose(int code) {
        serverCloseCode = code;
    }

    void onInactive() {
        fail(new IllegalStateException("connection closed"
                + (serverCloseCode >= 0 ? " by server with " + serverCloseCode : ""), null) {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        });
    }

    void fail(Throwable cause) {
        ready.completeExceptionally(cause);
    }
}
