package dev.switchboard.bench.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RespClientTest {
    private static Object read(String wire) throws IOException {
        return RespClient.read(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encodesCommandsAsArraysOfBulkStrings() {
        assertEquals("*3\r\n$4\r\nXLEN\r\n$1\r\ns\r\n$2\r\né\r\n", // é is 2 bytes
                new String(RespClient.encode("XLEN", "s", "é"), StandardCharsets.UTF_8));
    }

    @Test
    void decodesEveryReplyType() throws IOException {
        assertEquals("OK", read("+OK\r\n"));
        assertEquals(42L, read(":42\r\n"));
        assertEquals("héllo", read("$6\r\nhéllo\r\n"));
        assertNull(read("$-1\r\n"));
        assertNull(read("*-1\r\n"));
        assertEquals(List.of("a", 1L, List.of()), read("*3\r\n$1\r\na\r\n:1\r\n*0\r\n"));
        IOException e = assertThrows(RespClient.RespError.class, () -> read("-WRONGTYPE bad key\r\n"));
        assertEquals("WRONGTYPE bad key", e.getMessage());
        assertThrows(EOFException.class, () -> read("$5\r\nab"));
        assertThrows(IOException.class, () -> read("?x\r\n"));
    }

    @Test
    void takesXreadRepliesApart() throws IOException {
        String wire = "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n"
                + "*2\r\n$3\r\n1-0\r\n*4\r\n$4\r\nbody\r\n$2\r\n{}\r\n$6\r\nsource\r\n$18\r\ngateway.route.send\r\n"
                + "*2\r\n$3\r\n2-0\r\n*2\r\n$4\r\nbody\r\n$4\r\nnull\r\n";
        List<RespClient.StreamEntry> entries = RespClient.streamEntries(read(wire));
        assertEquals(2, entries.size());
        assertEquals("1-0", entries.get(0).id());
        assertEquals(Map.of("body", "{}", "source", "gateway.route.send"), entries.get(0).fields());
        assertEquals(List.of("body", "source"), List.copyOf(entries.get(0).fields().keySet()));
        assertEquals("null", entries.get(1).fields().get("body"));
        assertEquals(List.of(), RespClient.streamEntries(null)); // BLOCK timed out
        assertEquals(List.of(), RespClient.entryList(read("*0\r\n")));
        assertThrows(IOException.class, () -> RespClient.streamEntries(read(":1\r\n")));
    }

    @Test
    void refusesUrlsItCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> RespClient.connect("http://127.0.0.1:6379", 100));
        assertThrows(IllegalArgumentException.class, () -> RespClient.connect("rediss://127.0.0.1:6379", 100));
    }
}
