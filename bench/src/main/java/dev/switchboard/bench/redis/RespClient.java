package dev.switchboard.bench.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A blocking RESP2 client on one socket, for the few control commands the gateway scenario needs
 * ({@code XREAD BLOCK}, {@code XLEN}, {@code XREVRANGE}, {@code DEL}). Replies decode to String (simple and
 * bulk strings), Long (integers), List (arrays) or null (nil); an error reply throws {@link RespError}.
 * Not thread-safe: one client per thread. Every read has a socket timeout, so no call blocks forever.
 */
public final class RespClient implements AutoCloseable {
    /** An error reply ({@code -ERR ...}). */
    public static final class RespError extends IOException {
        private static final long serialVersionUID = 1L;

        public RespError(String message) {
            super(message);
        }
    }

    /** One stream entry: its id and its field/value pairs in order. */
    public record StreamEntry(String id, Map<String, String> fields) {}

    private static final int MAX_BULK = 64 << 20;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    /**
     * Connects to {@code redis://[user:password@]host[:port][/db]}; AUTH and SELECT are sent when given.
     * {@code timeoutMs} bounds the connect and every read.
     */
    public static RespClient connect(String url, int timeoutMs) throws IOException {
        URI u = URI.create(url);
        if (!"redis".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("--redis must be redis://host[:port][/db], not " + url);
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(u.getHost(), u.getPort() > 0 ? u.getPort() : 6379), timeoutMs);
        s.setSoTimeout(timeoutMs);
        RespClient c = new RespClient(s);
        try {
            String userInfo = u.getRawUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                String user = colon < 0 ? "" : URLDecoder.decode(userInfo.substring(0, colon), StandardCharsets.UTF_8);
                String pass = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(colon + 1),
                        StandardCharsets.UTF_8);
                if (user.isEmpty()) {
                    c.call("AUTH", pass);
                } else {
                    c.call("AUTH", user, pass);
                }
            }
            String db = u.getPath() == null ? "" : u.getPath().replace("/", "");
            if (!db.isEmpty()) {
                c.call("SELECT", db);
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Sends one command and returns its decoded reply. */
    public Object call(String... args) throws IOException {
        out.write(encode(args));
        out.flush();
        return read(in);
    }

    /** Entries of {@code XREAD ... STREAMS key id} (one stream); empty on a nil reply (BLOCK timed out). */
    public List<StreamEntry> xread(String key, String afterId, int count, int blockMs) throws IOException {
        return streamEntries(call("XREAD", "COUNT", Integer.toString(count), "BLOCK", Integer.toString(blockMs),
                "STREAMS", key, afterId));
    }

    /** The id of the stream's last entry, or {@code 0-0} when the stream is empty or does not exist. */
    public String lastId(String key) throws IOException {
        List<StreamEntry> last = entryList(call("XREVRANGE", key, "+", "-", "COUNT", "1"));
        return last.isEmpty() ? "0-0" : last.get(0).id();
    }

    public long xlen(String key) throws IOException {
        return (Long) call("XLEN", key);
    }

    /** The multi-bulk encoding of a command. */
    public static byte[] encode(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        writeAscii(b, "*" + args.length + "\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            writeAscii(b, "$" + bytes.length + "\r\n");
            b.writeBytes(bytes);
            writeAscii(b, "\r\n");
        }
        return b.toByteArray();
    }

    private static void writeAscii(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes one reply. */
    public static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RespError(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                if (n > MAX_BULK) {
                    throw new IOException("bulk string of " + n + " bytes");
                }
                byte[] data = in.readNBytes(n);
                if (data.length < n || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("truncated bulk string");
                }
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(Math.min(n, 1 << 16));
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("not a RESP2 reply: type byte " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("truncated reply line");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("CR without LF in a reply line");
                }
                return b.toString(StandardCharsets.UTF_8);
            }
            if (b.size() > 1 << 20) {
                throw new IOException("reply line over 1 MB");
            }
            b.write(c);
        }
    }

    /** The entries of an XREAD reply for one stream: {@code [[key, [[id, [f, v, ...]], ...]]]}, or nil. */
    public static List<StreamEntry> streamEntries(Object reply) throws IOException {
        if (reply == null) {
            return List.of();
        }
        List<?> streams = list(reply);
        if (streams.isEmpty()) {
            return List.of();
        }
        List<?> stream = list(streams.get(0));
        if (stream.size() != 2) {
            throw new IOException("unexpected XREAD reply: " + reply);
        }
        return entryList(stream.get(1));
    }

    /** {@code [[id, [f, v, ...]], ...]} as XRANGE, XREVRANGE and each stream of XREAD return it. */
    public static List<StreamEntry> entryList(Object reply) throws IOException {
        List<StreamEntry> out = new ArrayList<>();
        for (Object e : list(reply)) {
            List<?> entry = list(e);
            if (entry.size() != 2) {
                throw new IOException("unexpected stream entry: " + e);
            }
            List<?> kv = entry.get(1) == null ? List.of() : list(entry.get(1));
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i + 1 < kv.size(); i += 2) {
                fields.put((String) kv.get(i), (String) kv.get(i + 1));
            }
            out.add(new StreamEntry((String) entry.get(0), fields));
        }
        return out;
    }

    private static List<?> list(Object o) throws IOException {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IOException("expected an array reply, got " + o);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
