package dev.switchboard.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Pusher WebSocket. Methods may be called from any thread; Netty hands writes to the socket's loop.
 * State is the minimum the scenarios need, because tens of thousands of these live at once.
 */
public final class PusherConnection {
    static final ObjectMapper JSON = new ObjectMapper();

    private final PusherListener listener;
    private final long connectStartNanos;
    private final CompletableFuture<PusherConnection> established = new CompletableFuture<>();
    // channel -> completes with subscription_succeeded's data (presence member list) or the error
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>(2);
    private volatile Channel channel;
    private volatile String socketId;
    private volatile int activityTimeoutSeconds = 120;
    private volatile long lastReceivedNanos;
    private volatile boolean closeRequested;
    private volatile int serverCloseCode = -1;
    private volatile long establishedNanos;

    PusherConnection(PusherListener listener, long connectStartNanos) {
        this.listener = listener;
        this.connectStartNanos = connectStartNanos;
        this.lastReceivedNanos = connectStartNanos;
    }

    public String socketId() {
        return socketId;
    }

    /** Completes when pusher:connection_established arrives (handshake done, socket id known). */
    public CompletableFuture<PusherConnection> established() {
        return established;
    }

    /** TCP connect start to connection_established, in nanoseconds (0 before that). */
    public long handshakeNanos() {
        return establishedNanos == 0 ? 0 : establishedNanos - connectStartNanos;
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** The event loop of this connection's socket; null before the connect has been started. */
    public io.netty.util.concurrent.EventExecutor eventLoop() {
        Channel ch = channel;
        return ch == null ? null : ch.eventLoop();
    }

    /** Subscribe; completes with the subscription_succeeded data. {@code auth}/{@code channelData} may be null. */
    public CompletableFuture<JsonNode> subscribe(String channelName, String auth, String channelData) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        CompletableFuture<JsonNode> previous = pending.put(channelName, result);
        if (previous != null) {
            previous.completeExceptionally(new IllegalStateException("superseded by a new subscribe"));
        }
        ObjectNode data = JSON.createObjectNode().put("channel", channelName);
        if (auth != null) {
            data.put("auth", auth);
        }
        if (channelData != null) {
            data.put("channel_data", channelData);
        }
        send("pusher:subscribe", data);
        return result;
    }

    public void unsubscribe(String channelName) {
        send("pusher:unsubscribe", JSON.createObjectNode().put("channel", channelName));
    }

    /** Stop reading from the socket: the server's writes pile up in its buffers (slow consumer). */
    public void stopReading() {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(false);
        }
    }

    /** Clean close: WebSocket close frame, then TCP close when the server answers or after 3 s. */
    public CompletableFuture<Void> close() {
        closeRequested = true;
        Channel ch = channel;
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (ch == null) {
            done.complete(null);
            return done;
        }
        ch.closeFuture().addListener(f -> done.complete(null));
        if (ch.isActive() && established.isDone() && !established.isCompletedExceptionally()) {
            ch.writeAndFlush(WsClientCodec.close(ch.alloc(), 1000));
            ch.eventLoop().schedule(() -> ch.close(), 3, TimeUnit.SECONDS);
        } else {
            ch.close();
        }
        return done;
    }

    /** Drop the TCP connection without a close handshake. */
    public void abort() {
        closeRequested = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    void send(String event, JsonNode data) {
        ObjectNode msg = JSON.createObjectNode().put("event", event);
        msg.set("data", data);
        Channel ch = channel;
        if (ch != null) {
            ch.writeAndFlush(WsClientCodec.text(ch.alloc(), msg.toString()));
        }
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    PusherListener listener() {
        return listener;
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    void touch(long now) {
        lastReceivedNanos = now;
    }

    int activityTimeoutSeconds() {
        return activityTimeoutSeconds;
    }

    void onEstablished(String id, int activityTimeout) {
        socketId = id;
        if (activityTimeout > 0) {
            activityTimeoutSeconds = activityTimeout;
        }
        establishedNanos = System.nanoTime();
        established.complete(this);
    }

    void onSubscription(String channelName, JsonNode data, Throwable error) {
        CompletableFuture<JsonNode> f = pending.remove(channelName);
        if (f != null) {
            if (error == null) {
                f.complete(data);
            } else {
                f.completeExceptionally(error);
            }
        }
    }

    void onServerClose(int code) {
        serverCloseCode = code;
    }

    void onInactive() {
        // no stack trace: every connection of a storm ends here, and only the message is ever reported
        IllegalStateException closed = new IllegalStateException(
                "connection closed" + (serverCloseCode >= 0 ? " by server with " + serverCloseCode : ""), null) {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
        established.completeExceptionally(closed);
        pending.values().forEach(f -> f.completeExceptionally(closed));
        pending.clear();
        listener.onClosed(this, serverCloseCode, closeRequested);
    }

    void fail(Throwable cause) {
        established.completeExceptionally(cause);
    }
}
