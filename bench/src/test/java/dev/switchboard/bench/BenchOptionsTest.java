package dev.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void scaleShrinksCountsAndDurationsButNotExplicitValues() {
        BenchOptions o = BenchOptions.parse(List.of("--scenario", "S1", "--scale=0.1", "--settle", "7"));
        assertEquals(1000, o.scaled(10_000, 1));
        assertEquals(7.0, o.scaledSeconds(o.settleSeconds(), 30, 3));
        assertEquals(5.0, o.scaledSeconds(null, 10, 5));
    }

    @Test
    void defaultsMatchTheSoketiPeer() {
        BenchOptions o = BenchOptions.parse(List.of("--scenario", "S4"));
        assertEquals("127.0.0.1", o.host());
        assertEquals(6001, o.port());
        assertEquals("app-id", o.appId());
        assertEquals("app-key", o.key());
        assertEquals("app-secret", o.secret());
    }

    @Test
    void unknownOptionsAreRejectedNotIgnored() {
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--scenario", "S1", "--sclae", "1")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--scale", "1")));
    }
}
