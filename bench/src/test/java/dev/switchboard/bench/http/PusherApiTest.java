package dev.switchboard.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PusherApiTest {
    private final PusherApi api =
            new PusherApi("3", "278d425bdf160c739803", "7ad3773142a6692b25b8", "127.0.0.1", 6001, () -> 1353088179L);

    @Test
    void triggerIsSignedAsInPusherDocsWorkedExample() {
        FullHttpRequest req = api.trigger(List.of("project-3"), "foo", "{\"some\":\"data\"}");
        try {
            assertEquals(HttpMethod.POST, req.method());
            assertEquals("{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}",
                    req.content().toString(StandardCharsets.UTF_8));
            assertEquals("/apps/3/events?auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0"
                    + "&body_md5=ec365a775a4cd0599faeb73354201b6f"
                    + "&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c", req.uri());
        } finally {
            req.release();
        }
    }

    @Test
    void getSortsExtraParametersIntoTheSignedQuery() {
        FullHttpRequest req = api.get("/channels", Map.of("filter_by_prefix", "presence-", "info", "user_count"));
        try {
            assertTrue(req.uri().startsWith("/apps/3/channels?auth_key=278d425bdf160c739803&auth_timestamp=1353088179"
                    + "&auth_version=1.0&filter_by_prefix=presence-&info=user_count&auth_signature="), req.uri());
            assertEquals(0, req.content().readableBytes());
        } finally {
            req.release();
        }
    }
}
