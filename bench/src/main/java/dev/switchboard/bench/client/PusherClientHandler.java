package dev.switchboard.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bench.stats.BenchPayload;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;

/**
 * Decodes Pusher messages of one socket. Bench deliveries take a byte-scan fast path (no JSON parse, no
 * allocation) because they are the bulk of the traffic; everything else is parsed with Jackson.
 */
final class PusherClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final PusherConnection connection;

    PusherClientHandler(PusherConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws IOException {
        long now = System.nanoTime();
        connection.touch(now);
        if (frame instanceof TextWebSocketFrame) {
            long stamp = BenchPayload.findStamp(frame.content());
            if (stamp != Long.MIN_VALUE) {
                connection.listener().onDelivery(connection, stamp);
                return;
            }
            String member = MemberEventScan.eventOf(frame.content());
            if (member != null) {
                // presence churn sends these by the hundred thousand and listeners only count them
                connection.listener().onEvent(connection, member, null, null);
                return;
            }
            try (InputStream in = new ByteBufInputStream(frame.content())) {
                onControl(PusherConnection.JSON.readTree(in));
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            // answer the close handshake ourselves so the server's close code (e.g. 4100) is visible
            connection.onServerClose(close.statusCode());
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(f -> ctx.close());
        }
    }

    private void onControl(JsonNode message) {
        String event = message.path("event").asText("");
        String channel = message.path("channel").asText(null);
        switch (event) {
            case "pusher:connection_established" -> {
                JsonNode data = parseData(message.path("data"));
                connection.onEstablished(data.path("socket_id").asText(), data.path("activity_timeout").asInt(0));
            }
            case "pusher_internal:subscription_succeeded" ->
                connection.onSubscription(channel, parseData(message.path("data")), null);
            case "pusher:subscription_error" ->
                connection.onSubscription(channel, null, new IllegalStateException("subscription_error " + message));
            case "pusher:ping" -> connection.send("pusher:pong", PusherConnection.JSON.createObjectNode());
            case "pusher:error" -> {
                if (!connection.established().isDone()) {
                    connection.fail(new IllegalStateException("pusher:error before established " + message));
                }
                connection.listener().onEvent(connection, event, channel, message);
            }
            default -> connection.listener().onEvent(connection, event, channel, message);
        }
    }

    /** Pusher sends {@code data} as a JSON-encoded string; some servers send an object. Accept both. */
    private static JsonNode parseData(JsonNode data) {
        if (data.isTextual()) {
            try {
                return PusherConnection.JSON.readTree(data.asText());
            } catch (IOException e) {
                return data;
            }
        }
        return data;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            connection.fail(new TimeoutException("WebSocket handshake timed out"));
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.onInactive();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.fail(cause);
        ctx.close();
    }
}
