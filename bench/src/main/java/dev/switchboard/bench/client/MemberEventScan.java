package dev.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Recognises presence member_added / member_removed frames without parsing them: S5 makes every member see
 * every other member come and go, and a full JSON parse per frame would make the generator, not the server,
 * the limit. The event field is looked for in the frame's first bytes, in whatever order the server writes
 * its fields; its quotes cannot occur unescaped inside the data string. Anything else returns null.
 */
final class MemberEventScan {
    static final String ADDED = "pusher_internal:member_added";
    static final String REMOVED = "pusher_internal:member_removed";
    private static final byte[] ADDED_FIELD = ("\"event\":\"" + ADDED + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REMOVED_FIELD = ("\"event\":\"" + REMOVED + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final int WINDOW = 160;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[WINDOW]);

    private MemberEventScan() {}

    static String eventOf(ByteBuf frame) {
        int len = Math.min(WINDOW, frame.readableBytes());
        byte[] b = SCRATCH.get();
        frame.getBytes(frame.readerIndex(), b, 0, len);
        if (contains(b, len, ADDED_FIELD)) {
            return ADDED;
        }
        return contains(b, len, REMOVED_FIELD) ? REMOVED : null;
    }

    private static boolean contains(byte[] b, int len, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
