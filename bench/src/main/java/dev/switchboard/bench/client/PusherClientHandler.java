package dev.switchboard.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bench.stats.BenchPayload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes Pusher messages of one socket (text messages from {@link WsClientCodec}). Bench deliveries take a
 * byte-scan fast path (no JSON parse, no allocation) because they are the bulk of the traffic; everything
 * else is parsed with Jackson.
 */
final class PusherClientHandler extends ChannelInboundHandlerAdapter {
    private final PusherConnection connection;

    PusherClientHandler(PusherConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
        long now = System.nanoTime();
        connection.touch(now);
        if (msg instanceof ByteBuf text) {
            try {
                onText(text);
            } finally {
                text.release();
            }
        } else if (msg instanceof WsClientCodec.ServerClose close) {
            // answer the close handshake ourselves so the server's close code (e.g. 4100) is visible
            connection.onServerClose(close.code());
            int code = close.code() < 0 ? 1000 : close.code();
            ctx.writeAndFlush(WsClientCodec.close(ctx.alloc(), code)).addListener(f -> ctx.close());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onText(ByteBuf text) throws IOException {
        long stamp = BenchPayload.findStamp(text);
        if (stamp != Long.MIN_VALUE) {
            connection.listener().onDelivery(connection, stamp);
            return;
        }
        String member = MemberEventScan.eventOf(text);
        if (member != null) {
            // presence churn sends these by the hundred thousand and listeners only count them
            connection.listener().onEvent(connection, member, null, null);
            return;
        }
        try (InputStream in = new ByteBufInputStream(text)) {
            onControl(PusherConnection.JSON.readTree(in));
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
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onInactive();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.fail(cause);
        ctx.close();
    }
}
