package dev.switchboard.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.client.PusherListener;
import dev.switchboard.bench.stats.LatencyStats;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * S5: presence churn. Members (one user per connection) join 20 presence channels, then every member leaves
 * and rejoins for a number of rounds; join latency is subscribe to subscription_succeeded. Afterwards the
 * rosters must hold exactly every member once, and once everybody has left (half by unsubscribing, half by
 * disconnecting) the HTTP API must show no presence channel and no user left behind. Between the two, a
 * paced ramp ({@link PacedChurn}) finds the churn rate the server sustains with join p99 within 20 ms.
 */
public final class S5PresenceChurn implements Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHANNELS = 20;
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(30);
    /** The bar for presence churn: joins answered within 20 ms at p99. */
    private static final double PACED_P99_LIMIT_MS = 20;

    @Override
    public String id() {
        return "S5";
    }

    @Override
    public String title() {
        return "presence churn: leave/rejoin rate, join p99, nothing left behind";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds(300 + PacedChurn.RATES.length * (long) (PacedChurn.stepSeconds(o) + 6));
    }

    private static String channel(int i) {
        return "presence-bench-s5-" + (i % CHANNELS);
    }

    private static String channelData(int i) {
        return JSON.createObjectNode().put("user_id", "bench-user-" + i)
                .set("user_info", JSON.createObjectNode().put("name", "bench user " + i)).toString();
    }

    /** Counts member_added / member_removed seen by everyone, a cheap sign the roster fan-out works. */
    private static final class MemberEvents implements PusherListener {
        final LongAdder added = new LongAdder();
        final LongAdder removed = new LongAdder();

        @Override
        public void onDelivery(PusherConnection connection, long sentNanos) {}

        @Override
        public void onEvent(PusherConnection connection, String event, String channel, JsonNode message) {
            if (event.equals("pusher_internal:member_added")) {
                added.increment();
            } else if (event.equals("pusher_internal:member_removed")) {
                removed.increment();
            }
        }
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int n = o.connections() != null ? o.connections() : o.scaled(2_000, CHANNELS);
        r.param("connections", n);
        r.param("channels", CHANNELS);
        r.param("rounds", o.rounds());
        MemberEvents events = new MemberEvents();
        AtomicReferenceArray<PusherConnection> conns = new AtomicReferenceArray<>(n);
        Bulk.Outcome connected = Bulk.run(ctx, n, o.inflight(),
                i -> ctx.connector().connect(events).thenAccept(c -> conns.set(i, c)));
        if (connected.failed() > 0) {
            r.error(connected.failed() + " connections failed: " + connected.firstError());
        }
        LatencyStats join = new LatencyStats();
        Bulk.Outcome first = Bulk.run(ctx, n, o.inflight(), i -> join(ctx, conns.get(i), i, join));
        LatencyStats.Summary firstJoin = LatencyStats.Summary.of(join.interval());
        r.metric("initial_join_p99_ms", firstJoin.p99Ms(), "ms", Better.LOWER);
        System.err.printf("[S5] %d joined (%d failed), p99 %.2f ms%n", first.ok(), first.failed(), firstJoin.p99Ms());

        churn(ctx, r, conns, n, join, first.failed());
        PacedChurn.run(ctx, r, conns, i -> {
            PusherConnection c = conns.get(i);
            if (c == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
            }
            c.unsubscribe(channel(i));
            return Subscribe.channel(ctx, c, channel(i), channelData(i));
        }, PACED_P99_LIMIT_MS);
        r.metric("member_added_seen", events.added.sum(), "", Better.NONE);
        r.metric("member_removed_seen", events.removed.sum(), "", Better.NONE);
        checkRosters(ctx, r, n);
        leaveAll(conns, n);
        verifyEmpty(ctx, r);
    }

    /** Every member leaves and rejoins, {@code --rounds} times, with bounded concurrency. */
    private static void churn(BenchContext ctx, ScenarioResult r, AtomicReferenceArray<PusherConnection> conns,
            int n, LatencyStats join, long failuresSoFar) throws InterruptedException {
        long start = System.nanoTime();
        long ops = 0;
        long failures = failuresSoFar;
        for (int round = 0; round < ctx.options().rounds(); round++) {
            Bulk.Outcome b = Bulk.run(ctx, n, ctx.options().inflight(), i -> {
                PusherConnection c = conns.get(i);
                if (c != null) {
                    c.unsubscribe(channel(i)); // leave: no acknowledgement in the Pusher protocol
                }
                return join(ctx, c, i, join);
            });
            ops += 2L * b.ok();
            failures += b.failed();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        r.metric("join_leave_per_s", ops / seconds, "1/s", Better.HIGHER);
        r.latency("rejoin", LatencyStats.Summary.of(join.interval()));
        r.metric("join_failures", failures, "", Better.LOWER);
    }

    /** After churn every roster must hold each of its members exactly once. */
    private static void checkRosters(BenchContext ctx, ScenarioResult r, int n) {
        int wrong = 0;
        for (int ch = 0; ch < CHANNELS; ch++) {
            int users = users(ctx, channel(ch));
            int expected = n / CHANNELS + (ch < n % CHANNELS ? 1 : 0);
            if (users != expected) {
                wrong++;
                r.note(channel(ch) + " roster has " + users + " users after churn (-1: API error), expected "
                        + expected);
            }
        }
        r.metric("wrong_rosters_after_churn", wrong, "", Better.LOWER);
        if (wrong > 0) {
            r.error(wrong + " rosters wrong after churn");
        }
    }

    /** Polls the HTTP API until no presence channel and no member is left; an API error is not "empty". */
    private static void verifyEmpty(BenchContext ctx, ScenarioResult r) throws InterruptedException {
        long start = System.nanoTime();
        int[] left = new int[3]; // channels, users, API errors
        boolean clean = Waits.until(ctx, CLEANUP_WAIT, 100, () -> {
            left[0] = presenceChannels(ctx);
            left[1] = 0;
            left[2] = left[0] < 0 ? 1 : 0;
            for (int ch = 0; ch < CHANNELS && left[0] == 0; ch++) {
                int users = users(ctx, channel(ch));
                left[1] += Math.max(0, users);
                left[2] += users < 0 ? 1 : 0;
            }
            return left[0] == 0 && left[1] == 0 && left[2] == 0;
        });
        r.metric("cleanup_ms", (System.nanoTime() - start) / 1e6, "ms", Better.LOWER);
        r.metric("leftover_channels", left[0], "", Better.LOWER);
        r.metric("leftover_users", left[1], "", Better.LOWER);
        if (!clean) {
            r.error("presence state left behind after all left: " + left[0] + " channels, " + left[1]
                    + " users, " + left[2] + " API errors (-1 channels: the API call failed)");
        }
    }

    private static CompletableFuture<?> join(BenchContext ctx, PusherConnection c, int i, LatencyStats join) {
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
        }
        long start = System.nanoTime();
        return Subscribe.channel(ctx, c, channel(i), channelData(i)).thenRun(() -> join.recordSince(start));
    }

    /** Half the members unsubscribe and then close; the other half just disconnect. */
    private static void leaveAll(AtomicReferenceArray<PusherConnection> conns, int n) {
        for (int i = 0; i < n; i++) {
            PusherConnection c = conns.get(i);
            if (c != null && i % 2 == 0) {
                c.unsubscribe(channel(i));
            }
        }
        for (int i = 0; i < n; i++) {
            PusherConnection c = conns.get(i);
            if (c != null) {
                if (i % 2 == 0) {
                    c.close();
                } else {
                    c.abort();
                }
            }
        }
    }

    /** Number of occupied presence channels per GET /channels?filter_by_prefix=presence-; -1 on error. */
    private static int presenceChannels(BenchContext ctx) {
        try {
            JsonNode body = ctx.getJson("/channels", Map.of("filter_by_prefix", "presence-"));
            return body.path("channels").size();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Users in a presence channel per GET /channels/{c}/users; -1 on error. */
    private static int users(BenchContext ctx, String channel) {
        try {
            return ctx.getJson("/channels/" + channel + "/users", Map.of()).path("users").size();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
