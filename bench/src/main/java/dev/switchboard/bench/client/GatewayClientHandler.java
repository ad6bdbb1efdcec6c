package dev.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** The Gateway dialect's side of one socket, after {@link WsClientCodec}: timestamps, pongs, refusals. */
final class GatewayClientHandler extends ChannelInboundHandlerAdapter {
    private final GatewayConnection connection;

    GatewayClientHandler(GatewayConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // WsClientCodec has just written the upgrade request
        connection.onUpgradeSent(System.nanoTime());
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == WsClientCodec.UPGRADED) {
            connection.onUpgraded(System.nanoTime());
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf text) {
            try {
                connection.onText(System.nanoTime(), text);
            } finally {
                text.release();
            }
        } else if (msg instanceof WsClientCodec.ServerClose close) {
            connection.onServerClose(close.code());
            int code = close.code() < 0 ? 1000 : close.code();
            ctx.writeAndFlush(WsClientCodec.close(ctx.alloc(), code)).addListener(f -> ctx.close());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onInactive();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WsClientCodec.UpgradeRefused refused) {
            connection.onRefused(System.nanoTime(), refused.status(), refused);
        } else {
            connection.fail(cause);
        }
        ctx.close();
    }
}
