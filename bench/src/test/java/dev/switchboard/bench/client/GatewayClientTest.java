package dev.switchboard.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayClientTest {
    private static final String OK = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";

    private static ByteBuf serverText(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeByte(0x81).writeByte(p.length).writeBytes(p);
    }

    private static String clientText(ByteBuf frame) {
        try {
            assertEquals(0x81, frame.readUnsignedByte());
            int len = frame.readUnsignedByte() & 0x7F;
            frame.skipBytes(4); // zero mask
            return frame.readCharSequence(len, StandardCharsets.UTF_8).toString();
        } finally {
            frame.release();
        }
    }

    private static EmbeddedChannel channel(GatewayConnection c) {
        EmbeddedChannel ch = new EmbeddedChannel();
        c.attach(ch);
        ch.pipeline().addLast(new WsClientCodec("GET /gateway?authorization=t HTTP/1.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), 1 << 16), new GatewayClientHandler(c));
        ch.pipeline().fireChannelActive();
        return ch;
    }

    @Test
    void pingsAfterThe101AndIsReadyAtThePong() {
        GatewayConnection c = new GatewayConnection(System.nanoTime(), true);
        EmbeddedChannel ch = channel(c);
        ByteBuf upgrade = ch.readOutbound();
        assertTrue(upgrade.toString(StandardCharsets.US_ASCII).startsWith("GET /gateway?authorization=t "));
        upgrade.release();
        ch.writeInbound(Unpooled.wrappedBuffer(OK.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("{\"action\":\"ping\"}", clientText(ch.readOutbound()));
        assertFalse(c.ready().isDone());
        assertTrue(c.upgradeNanos() > 0);
        ch.writeInbound(serverText("{\"type\":\"pong\",\"statusCode\":200,\"connectionId\":\"abc\"}"));
        assertTrue(c.ready().isDone() && !c.ready().isCompletedExceptionally());
        assertTrue(c.firstPongNanos() >= c.handshakeNanos());
        ch.writeInbound(serverText("{\"message\":\"Forbidden\",\"connectionId\":\"abc\",\"requestId\":\"r\"}"));
        ch.writeInbound(serverText("{\"type\":\"presence\"}"));
        assertEquals(1, c.pongs());
        assertEquals(1, c.forbidden());
        assertEquals(1, c.otherFrames());
        ch.finishAndReleaseAll();
    }

    @Test
    void aRefusalRecordsItsStatusAndFailsReady() {
        GatewayConnection c = new GatewayConnection(System.nanoTime(), true);
        EmbeddedChannel ch = channel(c);
        ((ByteBuf) ch.readOutbound()).release();
        ch.writeInbound(Unpooled.wrappedBuffer(("HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n"
                + "content-length: 20\r\n\r\n{\"message\":\"nope\"}").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(401, c.refusedStatus());
        assertTrue(c.ready().isCompletedExceptionally());
        assertTrue(c.upgradeNanos() > 0);
        assertFalse(ch.isOpen());
    }

    @Test
    void statusLinesParse() {
        assertEquals(401, WsClientCodec.statusCode("HTTP/1.1 401 Unauthorized"));
        assertEquals(429, WsClientCodec.statusCode("HTTP/1.1 429"));
        assertEquals(-1, WsClientCodec.statusCode("garbage"));
        assertEquals(-1, WsClientCodec.statusCode("HTTP/1.1 4x1 Bad"));
    }
}
