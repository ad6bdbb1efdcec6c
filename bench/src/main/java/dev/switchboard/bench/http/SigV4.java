package dev.switchboard.bench.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (header form), as the AWS SDKs sign a call to an API Gateway management endpoint
 * ({@code ApiGatewayManagementApi.postToConnection}): canonical request with the (already encoded) path encoded
 * once more, the sorted, trimmed signed headers, the body's SHA-256; string to sign over the credential scope
 * {@code yyyymmdd/region/service/aws4_request}; the key derived by HMAC-SHA256 chain from {@code "AWS4" + secret}.
 * Written here rather than taken from the SDK so the shaded bench jar stays Netty + Jackson + HdrHistogram; checked
 * against AWS's published test vectors in {@code SigV4Test}.
 */
public final class SigV4 {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    private final String accessKeyId;
    private final String secret;
    private final String region;
    private final String service;

    public SigV4(String accessKeyId, String secret, String region, String service) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
        this.service = service;
    }

    /**
     * The {@code Authorization} header value. {@code rawPath} is the path as it goes on the wire (already
     * percent-encoded once), {@code rawQuery} the query as on the wire (or empty), {@code headers} every header
     * to sign (names any case; {@code host} and {@code x-amz-date} among them).
     */
    public String authorization(String method, String rawPath, String rawQuery, Map<String, String> headers,
            byte[] body, Instant at) {
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((k, v) -> signed.put(k.toLowerCase(Locale.ROOT), collapse(v)));
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonical = method + "\n" + canonicalUri(rawPath) + "\n" + canonicalQuery(rawQuery) + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + hex(sha256(body));
        String date = AMZ_DATE.format(at);
        String scope = date.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    /** {@code x-amz-date} for an instant. */
    public static String amzDate(Instant at) {
        return AMZ_DATE.format(at);
    }

    /**
     * A signed {@code POST <rawPath>} with a JSON body, headers {@code Host}, {@code X-Amz-Date},
     * {@code Content-Type} (all signed), keep-alive.
     */
    public FullHttpRequest post(String hostHeader, String rawPath, byte[] body, Instant at) {
        String date = amzDate(at);
        Map<String, String> headers = Map.of("host", hostHeader, "x-amz-date", date,
                "content-type", "application/json");
        String auth = authorization("POST", rawPath, "", headers, body, at);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, rawPath,
                Unpooled.wrappedBuffer(body));
        req.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set("X-Amz-Date", date)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.AUTHORIZATION, auth)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return req;
    }

    /** The wire form of one path segment: RFC 3986 unreserved characters kept, every other byte as %XX. */
    public static String encodeSegment(String s) {
        return encode(s, true);
    }

    /**
     * The canonical URI: the wire path encoded a second time ("each path segment URI-encoded twice"), slashes
     * kept, as the SDK for Java v2, botocore and the JS v3 signer do for every service but S3. Assumes a path
     * without "." or ".." segments (the bench sends none).
     */
    static String canonicalUri(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : encode(rawPath, false);
    }

    /** Canonical query: pairs sorted by name then value, each encoded (the wire form is decoded first). */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, java.util.List<String>> params = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(encode(name, true), n -> new java.util.ArrayList<>()).add(encode(value, true));
        }
        StringBuilder sb = new StringBuilder();
        params.forEach((n, vs) -> vs.stream().sorted().forEach(v -> {
            sb.append(sb.isEmpty() ? "" : "&").append(n).append('=').append(v);
        }));
        return sb.toString();
    }

    static String encode(String s, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX_UPPER[(b >> 4) & 0xf]).append(HEX_UPPER[b & 0xf]);
            }
        }
        return sb.toString();
    }

    // trimmed, inner runs of whitespace collapsed to one space
    private static String collapse(String v) {
        return v.strip().replaceAll("\\s+", " ");
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX_LOWER[(b[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX_LOWER[b[i] & 0xf];
        }
        return new String(out);
    }
}
