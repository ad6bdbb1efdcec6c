package dev.switchboard.bench.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bench.client.Signatures;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Builds signed Pusher HTTP API requests. Signature: HMAC-SHA256 hex, keyed with the app secret, of
 * {@code METHOD\npath\nquery} where the query holds every parameter except auth_signature, sorted by key,
 * joined as {@code k=v&...} with raw (unencoded) values — as pusher-http-node and soketi compute it.
 */
public final class PusherApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appId;
    private final String key;
    private final String secret;
    private final String hostHeader;
    private final LongSupplier clockSeconds;

    public PusherApi(String appId, String key, String secret, String host, int port) {
        this(appId, key, secret, host, port, () -> System.currentTimeMillis() / 1000);
    }

    /** With a fixed clock, so tests can check signatures against Pusher's documented worked example. */
    PusherApi(String appId, String key, String secret, String host, int port, LongSupplier clockSeconds) {
        this.appId = appId;
        this.key = key;
        this.secret = secret;
        this.hostHeader = host + ":" + port;
        this.clockSeconds = clockSeconds;
    }

    /** One event in a batch_events call. */
    public record Event(String channel, String name, String data) {}

    /** POST /apps/{id}/events to one or more channels. */
    public FullHttpRequest trigger(List<String> channels, String name, String data) {
        // field order as in Pusher's docs and SDKs: name, channels, data
        ObjectNode body = JSON.createObjectNode().put("name", name);
        ArrayNode list = body.putArray("channels");
        channels.forEach(list::add);
        body.put("data", data);
        return post("/apps/" + appId + "/events", body.toString());
    }

    /** POST /apps/{id}/batch_events. */
    public FullHttpRequest batch(List<Event> events) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode batch = body.putArray("batch");
        for (Event e : events) {
            batch.addObject().put("channel", e.channel()).put("name", e.name()).put("data", e.data());
        }
        return post("/apps/" + appId + "/batch_events", body.toString());
    }

    /**
     * POST /apps/{id}/notifications (Switchboard's Gateway dialect) with a ready JSON body
     * {@code {"users":[..]?, "exclude_users":[..]?, "data":<JSON>}}, signed like every Pusher API call.
     */
    public FullHttpRequest notification(String json) {
        return post("/apps/" + appId + "/notifications", json);
    }

    /** Signed GET of an API path below /apps/{id}, e.g. {@code /channels}. */
    public FullHttpRequest get(String subPath, Map<String, String> params) {
        String path = "/apps/" + appId + subPath;
        TreeMap<String, String> query = authParams(params);
        return request(HttpMethod.GET, path, query, new byte[0]);
    }

    private FullHttpRequest post(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        TreeMap<String, String> query = authParams(Map.of("body_md5", Signatures.md5Hex(body)));
        return request(HttpMethod.POST, path, query, body);
    }

    private TreeMap<String, String> authParams(Map<String, String> extra) {
        TreeMap<String, String> query = new TreeMap<>(extra);
        query.put("auth_key", key);
        query.put("auth_timestamp", Long.toString(clockSeconds.getAsLong()));
        query.put("auth_version", "1.0");
        return query;
    }

    private FullHttpRequest request(HttpMethod method, String path, TreeMap<String, String> query, byte[] body) {
        StringBuilder toSign = new StringBuilder();
        StringBuilder url = new StringBuilder(path).append('?');
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (toSign.length() > 0) {
                toSign.append('&');
            }
            toSign.append(e.getKey()).append('=').append(e.getValue());
            url.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .append('&');
        }
        String signature = Signatures.hmacSha256Hex(secret, method.name() + "\n" + path + "\n" + toSign);
        url.append("auth_signature=").append(signature);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, url.toString(),
                Unpooled.wrappedBuffer(body));
        req.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        return req;
    }
}
