package dev.switchboard.bench.stats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The event data the bench publishes: {@code BNCH<System.nanoTime()>;xxxx...}. A plain string rather than
 * JSON so it survives the JSON-in-JSON escaping of Pusher's {@code data} field unchanged on every server, and
 * so a receiver can find the stamp with a byte scan instead of parsing each of millions of deliveries.
 * Sender and receiver are the same process, so the two {@code nanoTime} readings are comparable.
 */
public final class BenchPayload {
    private static final String PREFIX = "BNCH";
    private static final ByteBuf MARKER =
            Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(PREFIX, StandardCharsets.US_ASCII).asReadOnly());

    private static final int SCRATCH_SIZE = 4096;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_SIZE]);

    private BenchPayload() {}

    /** Data for one event stamped now, padded with {@code x} to about {@code size} characters. */
    public static String stampNow(int size) {
        StringBuilder sb = new StringBuilder(Math.max(size, 32)).append(PREFIX).append(System.nanoTime()).append(';');
        while (sb.length() < size) {
            sb.append('x');
        }
        return sb.toString();
    }

    /** The send stamp found in a received frame, or {@link Long#MIN_VALUE} when the frame carries none. */
    public static long findStamp(ByteBuf frame) {
        int len = frame.readableBytes();
        if (frame.hasArray()) {
            return scan(frame.array(), frame.arrayOffset() + frame.readerIndex(), len);
        }
        if (len <= SCRATCH_SIZE) {
            // one bulk copy instead of a bounds- and session-checked getByte per byte: on JDK 25 Netty has no
            // Unsafe by default, and per-byte access to direct buffers was a quarter of the generator's CPU
            byte[] scratch = SCRATCH.get();
            frame.getBytes(frame.readerIndex(), scratch, 0, len);
            return scan(scratch, 0, len);
        }
        int at = ByteBufUtil.indexOf(MARKER, frame);
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        byte[] tail = new byte[Math.min(32, frame.writerIndex() - at)];
        frame.getBytes(at, tail);
        return scan(tail, 0, tail.length);
    }

    private static long scan(byte[] b, int from, int len) {
        int end = from + len;
        for (int i = from; i + PREFIX.length() <= end; i++) {
            if (b[i] == 'B' && b[i + 1] == 'N' && b[i + 2] == 'C' && b[i + 3] == 'H') {
                return parse(b, i + PREFIX.length(), end);
            }
        }
        return Long.MIN_VALUE;
    }

    private static long parse(byte[] b, int i, int end) {
        boolean negative = i < end && b[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
            value = value * 10 + (b[i] - '0');
            digits++;
        }
        if (digits == 0) {
            return Long.MIN_VALUE;
        }
        return negative ? -value : value;
    }
}
