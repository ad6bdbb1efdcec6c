package dev.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Classifies the Gateway dialect's server frames by a byte scan (no JSON parse per frame). */
public final class GatewayFrames {
    public enum Kind { PONG, FORBIDDEN, OTHER }

    private static final byte[] PONG = "\"type\":\"pong\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORBIDDEN = "\"message\":\"Forbidden\"".getBytes(StandardCharsets.US_ASCII);

    /** {@code "connectionId":"} as the pong carries it. */
    public static final byte[] CONNECTION_ID = "\"connectionId\":\"".getBytes(StandardCharsets.US_ASCII);

    private GatewayFrames() {}

    /**
     * The string after {@code key} (which ends with the opening quote) up to the next quote, or null; for
     * values without escapes (connection ids are base64url-like).
     */
    public static String stringField(ByteBuf buf, byte[] key) {
        int at = indexOf(buf, key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length;
        for (int i = from; i < buf.writerIndex(); i++) {
            byte b = buf.getByte(i);
            if (b == '"') {
                return buf.toString(from, i - from, StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                return null;
            }
        }
        return null;
    }

    /** The integer after {@code key} (e.g. {@code "seq":}), optional spaces allowed; Long.MIN_VALUE if none. */
    public static long longField(ByteBuf buf, byte[] key) {
        int at = indexOf(buf, key);
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        int i = at + key.length;
        int end = buf.writerIndex();
        while (i < end && buf.getByte(i) == ' ') {
            i++;
        }
        boolean neg = i < end && buf.getByte(i) == '-';
        if (neg) {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < end; i++) {
            byte b = buf.getByte(i);
            if (b < '0' || b > '9' || digits >= 18) {
                break;
            }
            v = v * 10 + (b - '0');
            digits++;
        }
        return digits == 0 ? Long.MIN_VALUE : neg ? -v : v;
    }

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
        return indexOf(buf, needle) >= 0;
    }

    static int indexOf(ByteBuf buf, byte[] needle) {
        int from = buf.readerIndex();
        int last = buf.writerIndex() - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
