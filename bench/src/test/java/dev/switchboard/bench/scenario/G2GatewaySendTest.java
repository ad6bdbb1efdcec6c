package dev.switchboard.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class G2GatewaySendTest {
    @Test
    void aFramesMessageComesBackFromTheStreamBodyWithItsStamp() throws Exception {
        String frame = G2GatewaySend.frame(123, 987_654_321_000L, "xxxx");
        // the server forwards the frame's "message" re-serialised: compact JSON, same field order
        String body = new ObjectMapper().readTree(frame).get("message").toString();
        assertEquals("{\"seq\":123,\"t\":987654321000,\"p\":\"xxxx\"}", body);
        assertEquals(new G2GatewaySend.Stamp(123, 987_654_321_000L), G2GatewaySend.Stamp.parse(body));
        assertEquals(new G2GatewaySend.Stamp(0, -5), G2GatewaySend.Stamp.parse("{\"seq\":0,\"t\":-5}"));
    }

    @Test
    void bodiesWithoutAStampAreNotCounted() {
        assertNull(G2GatewaySend.Stamp.parse("{\"hello\":1}"));
        assertNull(G2GatewaySend.Stamp.parse("{\"seq\":\"1\",\"t\":2}"));
        assertNull(G2GatewaySend.Stamp.parse("{\"seq\":1,\"t\":-}"));
        assertNull(G2GatewaySend.Stamp.parse("null"));
    }

    @Test
    void quotasSplitTheFramesOverTheSocketsExactly() {
        long total = 0;
        for (int i = 0; i < 7; i++) {
            total += G2GatewaySend.Pacer.quota(100, 7, i);
        }
        assertEquals(100, total);
        assertEquals(15, G2GatewaySend.Pacer.quota(100, 7, 0));
        assertEquals(14, G2GatewaySend.Pacer.quota(100, 7, 6));
        assertEquals(0, G2GatewaySend.Pacer.quota(3, 5, 4));
    }
}
