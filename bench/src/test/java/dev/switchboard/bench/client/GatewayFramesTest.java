package dev.switchboard.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayFramesTest {
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] T = "\"t\":".getBytes(StandardCharsets.US_ASCII);

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void connectionIdComesOutOfThePong() {
        ByteBuf pong = buf("{\"type\":\"pong\",\"statusCode\":200,\"connectionId\":\"Ab3_-x9=\"}");
        assertEquals(GatewayFrames.Kind.PONG, GatewayFrames.kind(pong));
        assertEquals("Ab3_-x9=", GatewayFrames.stringField(pong, GatewayFrames.CONNECTION_ID));
        assertNull(GatewayFrames.stringField(buf("{\"type\":\"pong\"}"), GatewayFrames.CONNECTION_ID));
        assertNull(GatewayFrames.stringField(buf("{\"connectionId\":\"unterminated"), GatewayFrames.CONNECTION_ID));
    }

    @Test
    void seqAndStampAreReadWithoutParsing() {
        ByteBuf m = buf("{\"seq\":42,\"t\":123456789012345,\"p\":\"xx\"}");
        assertEquals(42, GatewayFrames.longField(m, SEQ));
        assertEquals(123456789012345L, GatewayFrames.longField(m, T));
        ByteBuf spaced = buf("{\"seq\": 7, \"t\": -3}");
        assertEquals(7, GatewayFrames.longField(spaced, SEQ));
        assertEquals(-3, GatewayFrames.longField(spaced, T));
        assertEquals(Long.MIN_VALUE, GatewayFrames.longField(buf("{\"seq\":\"x\"}"), SEQ));
        assertEquals(Long.MIN_VALUE, GatewayFrames.longField(buf("{}"), SEQ));
        // the reader index is respected: a frame sliced out of a larger buffer
        ByteBuf sliced = buf("{\"seq\":1}{\"seq\":2}");
        sliced.readerIndex(9);
        assertEquals(2, GatewayFrames.longField(sliced, SEQ));
    }
}
