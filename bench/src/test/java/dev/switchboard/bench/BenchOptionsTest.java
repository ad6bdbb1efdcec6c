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

    @Test
    void gatewayScenariosNeedTheSecretAndG2TheStream() {
        String secret = "0123456789abcdef0123456789abcdef";
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--scenario", "G1")));
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--scenario", "G1", "--jwt-secret", "short")));
        BenchOptions g1 = BenchOptions.parse(List.of("--scenario", "G1", "--jwt-secret", secret));
        assertEquals("/gateway", g1.gatewayPath());
        assertEquals(0, g1.metricsPort());
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--scenario", "G2", "--jwt-secret", secret)));
        BenchOptions g2 = BenchOptions.parse(List.of("--scenario", "g2", "--jwt-secret", secret, "--stream", "s-1",
                "--rate=500.5", "--metrics-port", "9631", "--redis", "redis://127.0.0.1:6380/2", "--redis-pid", "7"));
        assertEquals("s-1", g2.stream());
        assertEquals(500.5, g2.rate());
        assertEquals(9631, g2.metricsPort());
        assertEquals("redis://127.0.0.1:6380/2", g2.redisUrl());
        assertEquals(7, g2.redisPid());
        assertEquals("redis://127.0.0.1:6379", g1.redisUrl());
    }

    @Test
    void gatewayKnobsAreChecked() {
        String secret = "0123456789abcdef0123456789abcdef";
        for (List<String> bad : List.of(List.of("--rate", "0"), List.of("--rate", "-3"), List.of("--stream", "a b"),
                List.of("--gateway-path", "gateway"), List.of("--metrics-port", "70000"))) {
            List<String> args = new java.util.ArrayList<>(List.of("--scenario", "G2", "--jwt-secret", secret,
                    "--stream", "s"));
            args.addAll(bad);
            assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args), bad.toString());
        }
    }

    @Test
    void g3AndG4HaveTheirOwnRateDefaultsAndKnobs() {
        String secret = "0123456789abcdef0123456789abcdef";
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--scenario", "G3")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--scenario", "G4")));
        BenchOptions g3 = BenchOptions.parse(List.of("--scenario", "G3", "--jwt-secret", secret));
        assertEquals(20.0, g3.rate());
        assertEquals(0, g3.devices());
        BenchOptions g4 = BenchOptions.parse(List.of("--scenario", "g4", "--jwt-secret", secret, "--api-prefix",
                "/prod"));
        assertEquals(500.0, g4.rate());
        assertEquals("/prod", g4.apiPrefix());
        assertEquals(2000.0, BenchOptions.parse(List.of("--scenario", "S1")).rate());
        assertEquals(5.0, BenchOptions.parse(List.of("--scenario", "G3", "--jwt-secret", secret, "--rate", "5",
                "--devices", "4")).rate());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--scenario", "G4",
                "--jwt-secret", secret, "--api-prefix", "prod/")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--scenario", "G3",
                "--jwt-secret", secret, "--devices", "-1")));
    }
}
