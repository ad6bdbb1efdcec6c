package dev.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The generator's WebSocket client in one handler: it writes the upgrade request as ready bytes, checks for
 * {@code 101}, then decodes the server's frames straight from the socket's bytes and passes each complete
 * text message on as a {@link ByteBuf} (released by the next handler) and a close as {@link ServerClose}.
 * Netty's codec, aggregator and handshaker cost the generator more per connection than the server under
 * test spends (S6), so the instrument would measure itself. Client frames use the all-zero mask, which
 * RFC 6455 allows on the wire and every server accepts; the generator then never XORs payloads.
 */
final class WsClientCodec extends ChannelInboundHandlerAdapter {
    /** The server closed the WebSocket with this code (-1 when its close frame had none). */
    record ServerClose(int code) {}

    /** Fired as a user event once the {@code 101} has been read (before any frame of the server). */
    static final Object UPGRADED = new Object() {
        @Override
        public String toString() {
            return "UPGRADED";
        }
    };

    /** The server answered the upgrade with {@code status} instead of 101 (passed to exceptionCaught). */
    static final class UpgradeRefused extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final int status;

        UpgradeRefused(int status, String statusLine) {
            super("upgrade refused: " + statusLine);
            this.status = status;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // no stack: storms refuse by the thousand
        }

        int status() {
            return status;
        }
    }

    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final byte[] upgradeRequest;
    private final int maxMessage;
    private ByteBuf pending;
    private boolean upgraded;
    private CompositeByteBuf fragments;

    /** {@code upgradeRequest}: the whole HTTP request, shared by every connection of a connector. */
    WsClientCodec(byte[] upgradeRequest, int maxMessage) {
        this.upgradeRequest = upgradeRequest;
        this.maxMessage = maxMessage;
    }

    /** The HTTP upgrade request for {@code host:port} and {@code pathAndQuery}, with a fixed key. */
    static byte[] upgradeRequest(String host, int port, String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A final text frame with the zero mask. */
    static ByteBuf text(ByteBufAllocator alloc, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = header(alloc, TEXT, bytes.length);
        return out.writeBytes(bytes);
    }

    /** A close frame with {@code code} and no reason. */
    static ByteBuf close(ByteBufAllocator alloc, int code) {
        return header(alloc, CLOSE, 2).writeShort(code);
    }

    private static ByteBuf header(ByteBufAllocator alloc, int opcode, int length) {
        ByteBuf out = alloc.buffer(length + 14);
        out.writeByte(0x80 | opcode);
        if (length < 126) {
            out.writeByte(0x80 | length);
        } else if (length < 65_536) {
            out.writeByte(0x80 | 126).writeShort(length);
        } else {
            out.writeByte(0x80 | 127).writeLong(length);
        }
        return out.writeInt(0); // the mask
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ctx.alloc().buffer(upgradeRequest.length).writeBytes(upgradeRequest));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        // an incomplete frame grows in place (amortised), not copied whole on every read
        ByteBuf buf = pending == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), pending, in);
        pending = null;
        try {
            if (upgraded || readResponseHead(ctx, buf)) {
                while (buf.isReadable() && ctx.channel().isActive() && frame(ctx, buf)) {
                    // next frame
                }
            }
            if (buf.isReadable() && ctx.channel().isActive()) {
                pending = buf;
                buf = null;
            }
        } finally {
            if (buf != null) {
                buf.release();
            }
        }
    }

    /** Consumes the HTTP response head; false while it is incomplete (kept) or when it is not 101 (closed). */
    private boolean readResponseHead(ChannelHandlerContext ctx, ByteBuf buf) {
        int end = headEnd(buf);
        if (end < 0) {
            if (buf.readableBytes() > 16 * 1024) {
                fail(ctx, "no end of the HTTP response head in 16 KB");
            }
            return false;
        }
        String status = buf.toString(buf.readerIndex(), Math.min(12, end - buf.readerIndex()),
                StandardCharsets.US_ASCII);
        if (!status.startsWith("HTTP/1.1 101")) {
            String head = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.US_ASCII);
            String line = head.lines().findFirst().orElse("");
            ctx.fireExceptionCaught(new UpgradeRefused(statusCode(line), line));
            ctx.close();
            return false;
        }
        buf.readerIndex(end + HEAD_END.length);
        upgraded = true;
        ctx.fireUserEventTriggered(UPGRADED);
        return true;
    }

    /** The status code of an HTTP status line ({@code HTTP/1.1 401 Unauthorized} -> 401), -1 if none. */
    static int statusCode(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            return -1;
        }
        return Integer.parseInt(parts[1]);
    }

    /** Index of the blank line ending the response head, or -1. */
    private static int headEnd(ByteBuf buf) {
        for (int i = buf.readerIndex(), last = buf.writerIndex() - HEAD_END.length; i <= last; i++) {
            if (buf.getByte(i) == '\r' && buf.getByte(i + 1) == '\n' && buf.getByte(i + 2) == '\r'
                    && buf.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        ctx.fireExceptionCaught(new IllegalStateException(why));
        ctx.close();
    }

    /** Decodes one frame; false when it is not complete yet. */
    private boolean frame(ChannelHandlerContext ctx, ByteBuf buf) {
        int at = buf.readerIndex();
        int available = buf.readableBytes();
        if (available < 2) {
            return false;
        }
        int b0 = buf.getUnsignedByte(at);
        int b1 = buf.getUnsignedByte(at + 1);
        long length = b1 & 0x7F;
        int header = 2;
        if (length == 126) {
            if (available < 4) {
                return false;
            }
            length = buf.getUnsignedShort(at + 2);
            header = 4;
        } else if (length == 127) {
            if (available < 10) {
                return false;
            }
            length = buf.getLong(at + 2);
            header = 10;
        }
        boolean masked = (b1 & 0x80) != 0; // servers do not mask; tolerated anyway
        int maskBytes = masked ? 4 : 0;
        if (length > maxMessage) {
            fail(ctx, "server frame of " + length + " bytes");
            return false;
        }
        if (available < header + maskBytes + length) {
            return false;
        }
        int start = at + header + maskBytes;
        int size = (int) length;
        if (masked) {
            int mask = buf.getInt(at + header);
            for (int i = 0; i < size; i++) {
                buf.setByte(start + i, buf.getByte(start + i) ^ (mask >>> (24 - 8 * (i & 3))));
            }
        }
        buf.readerIndex(start + size);
        onFrame(ctx, (b0 & 0x80) != 0, b0 & 0x0F, buf.retainedSlice(start, size));
        return true;
    }

    private void onFrame(ChannelHandlerContext ctx, boolean fin, int opcode, ByteBuf payload) {
        switch (opcode) {
            case CLOSE -> {
                int code = payload.readableBytes() >= 2 ? payload.getUnsignedShort(payload.readerIndex()) : -1;
                payload.release();
                ctx.fireChannelRead(new ServerClose(code));
            }
            case PING -> {
                ByteBuf pong = header(ctx.alloc(), 0xA, payload.readableBytes()).writeBytes(payload);
                payload.release();
                ctx.writeAndFlush(pong);
            }
            case TEXT, 0x0 -> text(ctx, fin, opcode == 0x0, payload);
            default -> payload.release(); // pong, binary: nothing a Pusher client reads
        }
    }

    private void text(ChannelHandlerContext ctx, boolean fin, boolean continuation, ByteBuf payload) {
        if (!continuation && fin) {
            ctx.fireChannelRead(payload);
            return;
        }
        if (!continuation) {
            releaseFragments();
            fragments = ctx.alloc().compositeBuffer();
        } else if (fragments == null) {
            payload.release();
            return;
        }
        fragments.addComponent(true, payload);
        if (fin) {
            ByteBuf whole = fragments;
            fragments = null;
            ctx.fireChannelRead(whole);
        }
    }

    private void releaseFragments() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseFragments();
        if (pending != null) {
            pending.release();
            pending = null;
        }
        ctx.fireChannelInactive();
    }
}
