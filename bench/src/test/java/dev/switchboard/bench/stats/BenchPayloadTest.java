package dev.switchboard.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchPayloadTest {
    private static ByteBuf frame(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void stampIsFoundInsideAPusherEventFrame() {
        String data = BenchPayload.stampNow(100);
        assertTrue(data.length() >= 100);
        long stamp = Long.parseLong(data.substring(4, data.indexOf(';')));
        ByteBuf f = frame("{\"event\":\"bench\",\"channel\":\"c\",\"data\":\"" + data + "\"}");
        assertEquals(stamp, BenchPayload.findStamp(f));
    }

    @Test
    void directAndLargeFramesAreScannedToo() {
        String text = "{\"event\":\"bench\",\"data\":\"BNCH123456789;x\"}";
        ByteBuf direct = Unpooled.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(123456789L, BenchPayload.findStamp(direct));
        ByteBuf large = Unpooled.directBuffer()
                .writeBytes(("x".repeat(10_000) + text).getBytes(StandardCharsets.UTF_8));
        assertEquals(123456789L, BenchPayload.findStamp(large));
        direct.release();
        large.release();
    }

    @Test
    void negativeNanoTimeSurvives() {
        assertEquals(-42L, BenchPayload.findStamp(frame("{\"data\":\"BNCH-42;xx\"}")));
    }

    @Test
    void framesWithoutAStampAreControlMessages() {
        assertEquals(Long.MIN_VALUE, BenchPayload.findStamp(frame("{\"event\":\"pusher:pong\",\"data\":{}}")));
        assertEquals(Long.MIN_VALUE, BenchPayload.findStamp(frame("{\"data\":\"BNCH;\"}")));
    }
}
