package dev.switchboard.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WsClientCodecTest {
    private static final byte[] OK = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private static byte[] serverFrame(int firstByte, byte[] payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(firstByte);
        if (payload.length < 126) {
            b.writeByte(payload.length);
        } else {
            b.writeByte(126).writeShort(payload.length);
        }
        b.writeBytes(payload);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf b = Unpooled.buffer();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static String text(Object msg) {
        ByteBuf b = (ByteBuf) msg;
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }

    @Test
    void sendsTheUpgradeThenDecodesFramesSplitAnywhere() {
        byte[] request = WsClientCodec.upgradeRequest("127.0.0.1", 6001, "/app/k?protocol=7");
        EmbeddedChannel ch = new EmbeddedChannel(new WsClientCodec(request, 1 << 20));
        ByteBuf sent = ch.readOutbound();
        assertTrue(sent.toString(StandardCharsets.US_ASCII).startsWith("GET /app/k?protocol=7 HTTP/1.1\r\n"));
        sent.release();
        String big = "x".repeat(300); // a 16-bit length
        byte[] all = concat(OK, serverFrame(0x81, "{\"event\":\"a\"}".getBytes(StandardCharsets.UTF_8)),
                serverFrame(0x01, "{\"ev".getBytes(StandardCharsets.UTF_8)), // fragmented message
                serverFrame(0x80, "ent\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
                serverFrame(0x81, big.getBytes(StandardCharsets.UTF_8)),
                serverFrame(0x88, new byte[] {0x0F, (byte) 0xA0}));
        for (byte b : all) { // one byte per read: every boundary is a split
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals("{\"event\":\"a\"}", text(ch.readInbound()));
        assertEquals("{\"event\":\"b\"}", text(ch.readInbound()));
        assertEquals(big, text(ch.readInbound()));
        assertEquals(new WsClientCodec.ServerClose(4000), ch.readInbound());
        assertNull(ch.readInbound());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void answersPingsWithAMaskedPong() {
        EmbeddedChannel ch = new EmbeddedChannel(new WsClientCodec(new byte[] {'x'}, 1024));
        ((ByteBuf) ch.readOutbound()).release();
        ch.writeInbound(Unpooled.wrappedBuffer(concat(OK, serverFrame(0x89, new byte[] {1, 2}))));
        ByteBuf pong = ch.readOutbound();
        assertEquals(0x8A, pong.readUnsignedByte());
        assertEquals(0x80 | 2, pong.readUnsignedByte()); // masked, 2 bytes
        assertEquals(0, pong.readInt()); // the zero mask
        assertEquals(1, pong.readByte());
        assertEquals(2, pong.readByte());
        pong.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aRefusedUpgradeFailsTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new WsClientCodec(new byte[] {'x'}, 1024));
        ((ByteBuf) ch.readOutbound()).release();
        try {
            ch.writeInbound(Unpooled.wrappedBuffer("HTTP/1.1 404 Not Found\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ch.checkException();
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("404"), expected.getMessage());
        }
        assertFalse(ch.isOpen());
    }
}
