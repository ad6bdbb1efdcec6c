package dev.switchboard.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromTextTest {
    private static final PromText PAGE = new PromText("""
            # HELP switchboard_gateway_connections Gateway sockets open on this node now.
            # TYPE switchboard_gateway_connections gauge
            switchboard_gateway_connections{port="6301"} 12.0
            switchboard_gateway_connections_refused_total{port="6301",reason="unauthorized"} 500.0
            switchboard_gateway_connections_refused_total{port="6301",reason="rate"} 3.0
            switchboard_gateway_frames_total{port="6301",route="send"} 1.5E4
            switchboard_gateway_frames_total{port="6301",route="$default"} 7
            gateway_pings_total 2
            switchboard_other_gateway_pings_total_x 9
            """);

    @Test
    void sumsOneSeriesWhateverItsPrefix() {
        assertEquals(12.0, PAGE.sum("gateway_connections", null));
        assertEquals(503.0, PAGE.sum("gateway_connections_refused_total", null));
        assertEquals(2.0, PAGE.sum("gateway_pings_total", null));
    }

    @Test
    void filtersOnALabel() {
        assertEquals(500.0, PAGE.sum("gateway_connections_refused_total", "reason=\"unauthorized\""));
        assertEquals(15_000.0, PAGE.sum("gateway_frames_total", "route=\"send\""));
        assertEquals(15_007.0, PAGE.sum("gateway_frames_total", null));
    }

    @Test
    void aMissingSeriesIsNaN() {
        assertTrue(Double.isNaN(PAGE.sum("gateway_expired_total", null)));
        assertTrue(Double.isNaN(PAGE.sum("gateway_frames_total", "route=\"nope\"")));
    }
}
