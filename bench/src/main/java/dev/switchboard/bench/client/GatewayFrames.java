package dev.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Classifies the Gateway dialect's server frames by a byte scan (no JSON parse per frame). */
public final class GatewayFrames {
    public enum Kind { PONG, FORBIDDEN, OTHER }

    private static final byte[] PONG = "\"type\":\"pong\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORBIDDEN = "\"message\":\"Forbidden\"".getBytes(StandardCharsets.US_ASCII);

    private GatewayFrames() {}

    public static Kind kind(ByteBuf text) {
        if (contains(text, PONG)) {
            return Kind.PONG;
        }
        if (contains(text, FORBIDDEN)) {
            return Kind.FORBIDDEN;
        }
        return Kind.OTHER;
    }

    static boolean contains(ByteBuf buf, byte[] needle) {
        int from = buf.readerIndex();
        int last = buf.writerIndex() - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
