package dev.switchboard.bench.scenario;

import dev.switchboard.bench.client.GatewayConnector;
import dev.switchboard.bench.client.Jwt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Upgrade requests with one distinct HS256 token each, built before a timed part. Users are
 * {@code bench-<run>-<i>}: distinct per socket and per run, so a server's presence and user index see n users.
 */
final class GatewayTokens {
    /** Requests, and the generator's time to sign them (reported, never inside a measured interval). */
    record Signed(List<byte[]> requests, long signNanos) {}

    private GatewayTokens() {}

    /** A run tag: lowercase base-36, distinct between runs. */
    static String runTag() {
        return Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    }

    static Signed sign(GatewayConnector connector, String secret, String userPrefix, int n, long ttlSeconds) {
        return sign(connector, secret, i -> userPrefix + i, n, ttlSeconds);
    }

    /** As {@link #sign(GatewayConnector, String, String, int, long)} with socket i's user {@code userOf(i)}. */
    static Signed sign(GatewayConnector connector, String secret, java.util.function.IntFunction<String> userOf, int n,
            long ttlSeconds) {
        Jwt jwt = new Jwt(secret);
        long now = System.currentTimeMillis() / 1000;
        List<byte[]> out = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            out.add(connector.upgradeRequest(jwt.sign(Jwt.claims(userOf.apply(i), now, now + ttlSeconds))));
        }
        return new Signed(out, System.nanoTime() - t0);
    }
}
