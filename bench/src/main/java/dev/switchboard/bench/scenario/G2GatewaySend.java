package dev.switchboard.bench.scenario;

import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.BenchOptions;
import dev.switchboard.bench.Scenario;
import dev.switchboard.bench.ScenarioResult;
import dev.switchboard.bench.ScenarioResult.Better;
import dev.switchboard.bench.client.GatewayConnection;
import dev.switchboard.bench.client.GatewayConnector;
import dev.switchboard.bench.redis.RespClient;
import dev.switchboard.bench.stats.LatencyStats;
import dev.switchboard.bench.stats.ProcessSampler;
import dev.switchboard.bench.stats.PromText;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * G2: Gateway {@code send} into a Redis stream sink. m sockets (own token each) send
 * {@code {"action":"send","message":{"seq":N,"t":<nanoTime>,"p":"xx.."}}} at {@code --rate} frames/s in
 * total (open loop, paced on each socket's own event loop, for {@code --duration}); a reader thread follows
 * the server's stream with {@code XREAD BLOCK} and takes each entry's {@code body} apart: frame → stream
 * entry latency (send stamp to the moment the reader got the entry, same clock), loss and duplicates by
 * {@code seq}, and the entry's attribute fields. Reports frames/s offered, frames/s the server routed (its
 * {@code gateway_frames_total}, with {@code --metrics-port}), entries/s landed, latency p50/p99, and the
 * server's (and with {@code --redis-pid} Redis's) CPU per frame. The first tenth of the frames (by seq) is
 * left out of the latency figures (JIT warm-up of server and generator, the sink's first Redis connects) but
 * counted everywhere else. The stream is deleted at the end.
 */
public final class G2GatewaySend implements Scenario {
    static final List<String> FIELDS = List.of("body", "source", "user_id", "connection_id", "app_id", "timestamp");
    private static final ProcessSampler SELF = new ProcessSampler(ProcessHandle.current().pid());
    private static final long TICK_MICROS = 2_000;
    private static final int MAX_PER_TICK = 256;
    private static final Duration DRAIN_QUIET = Duration.ofSeconds(3);
    private static final Duration DRAIN_MAX = Duration.ofSeconds(20);

    @Override
    public String id() {
        return "G2";
    }

    @Override
    public String title() {
        return "gateway send into a Redis stream sink: frames/s, entries/s, frame->entry p99, CPU per frame";
    }

    @Override
    public Duration hardTimeout(BenchOptions o) {
        return Duration.ofSeconds((long) o.scaledSeconds(o.durationSeconds(), 10, 3) + 120);
    }

    /** Where a body's stamp is: {@code seq} and {@code t} of {@code {"seq":N,"t":T,...}}; null if not a bench body. */
    record Stamp(long seq, long sentNanos) {
        static Stamp parse(String body) {
            long seq = longAfter(body, "\"seq\":");
            long t = longAfter(body, "\"t\":");
            return seq == Long.MIN_VALUE || t == Long.MIN_VALUE ? null : new Stamp(seq, t);
        }

        private static long longAfter(String s, String key) {
            int at = s.indexOf(key);
            if (at < 0) {
                return Long.MIN_VALUE;
            }
            int i = at + key.length();
            int start = i;
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || (i == start + 1 && s.charAt(start) == '-')) {
                return Long.MIN_VALUE;
            }
            try {
                return Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE;
            }
        }
    }

    /** The frame a bench socket sends: a Gateway {@code send} whose message carries seq, stamp and padding. */
    static String frame(long seq, long nanos, String pad) {
        return "{\"action\":\"send\",\"message\":{\"seq\":" + seq + ",\"t\":" + nanos + ",\"p\":\"" + pad + "\"}}";
    }

    @Override
    public void run(BenchContext ctx, ScenarioResult r) throws Exception {
        BenchOptions o = ctx.options();
        int m = o.connections() != null ? o.connections() : o.scaled(100, 1);
        double duration = o.scaledSeconds(o.durationSeconds(), 10, 3);
        double rate = o.rate();
        long total = Math.max(1, Math.round(rate * duration));
        String pad = "x".repeat(Math.max(0, o.payloadBytes() - 40));
        r.param("connections", m);
        r.param("rate", rate);
        r.param("duration_s", duration);
        r.param("frames", total);
        r.param("stream", o.stream());
        r.param("frame_bytes", frame(total, System.nanoTime(), pad).length());
        r.param("message_bytes", frame(total, System.nanoTime(), pad).length() - "{\"action\":\"send\",\"message\":}".length());
        String run = GatewayTokens.runTag();
        try (GatewayConnector connector = new GatewayConnector(ctx.transport(), o.host(), o.port(), o.gatewayPath(),
                ctx.sources(), Duration.ofSeconds(30));
                RespClient control = RespClient.connect(o.redisUrl(), 5_000)) {
            try {
                runSends(ctx, r, connector, control, m, total, duration, rate, pad, run);
            } finally {
                connector.closeAll(Duration.ofSeconds(10));
                try {
                    Object deleted = control.call("DEL", o.stream());
                    r.param("stream_deleted", deleted);
                } catch (IOException e) {
                    r.error("could not delete stream " + o.stream() + ": " + e.getMessage());
                }
            }
        }
    }

    private static void runSends(BenchContext ctx, ScenarioResult r, GatewayConnector connector, RespClient control,
            int m, long total, double duration, double rate, String pad, String run) throws Exception {
        BenchOptions o = ctx.options();
        long existing = control.xlen(o.stream());
        if (existing > 0) {
            r.note("stream " + o.stream() + " already held " + existing + " entries; only entries after its last"
                    + " id are read");
        }
        String startId = control.lastId(o.stream());

        var signed = GatewayTokens.sign(connector, o.jwtSecret(), "bench-" + run + "-g2-", m, 3600);
        Queue<GatewayConnection> opened = new ConcurrentLinkedQueue<>();
        Bulk.Outcome up = Bulk.run(ctx, m, o.inflight(), i -> {
            GatewayConnection c = connector.open(signed.requests().get(i), true);
            return c.ready().thenAccept(x -> opened.add(c));
        });
        r.metric("connected", up.ok(), "", Better.NONE);
        if (up.failed() > 0) {
            r.error(up.failed() + " of " + m + " sockets did not connect: " + up.firstError());
        }
        if (opened.isEmpty()) {
            return;
        }
        List<GatewayConnection> sockets = new ArrayList<>(opened);

        Reader reader = new Reader(o.redisUrl(), o.stream(), startId, total);
        Thread readerThread = new Thread(reader, "g2-stream-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        if (!reader.started.await(5, TimeUnit.SECONDS) || reader.error.get() != null) {
            readerThread.interrupt();
            r.error("stream reader did not start: " + reader.error.get());
            return;
        }

        Optional<PromText> metrics0 = G1GatewayConnectStorm.metrics(ctx);
        Optional<ProcessSampler> redis = o.redisPid() > 0 ? Optional.of(new ProcessSampler(o.redisPid()))
                : Optional.empty();
        Optional<ProcessSampler.Sample> redis0 = redis.map(ProcessSampler::sample);
        ProcessSampler.Sample self0 = SELF.sample();
        Optional<ProcessSampler.Sample> server0 = ctx.sample();

        Pacer pacer = new Pacer(sockets, total, rate, pad);
        long sendStart = System.nanoTime();
        reader.sendStartNanos = sendStart;
        pacer.start(sendStart);
        boolean sentAll = pacer.done.await((long) (duration * 1000) + 10_000, TimeUnit.MILLISECONDS);
        pacer.stop();
        long sendEnd = pacer.lastWriteNanos.get();
        long sent = pacer.sent.get();
        // what the server had routed to the sink by the time the last frame was written: its accepting rate
        Optional<PromText> metricsAtSendEnd = G1GatewayConnectStorm.metrics(ctx);
        long metricsAtSendEndNanos = System.nanoTime();
        long entriesAtSendEnd = reader.distinct();
        // drain: until every frame is in the stream, or nothing new arrived for a while
        long drainStart = System.nanoTime();
        long lastCount = -1;
        long lastChange = drainStart;
        while (System.nanoTime() - drainStart < DRAIN_MAX.toNanos() && ctx.remainingMillis() > 0) {
            long seen = reader.distinct();
            if (seen >= sent || reader.error.get() != null) {
                break;
            }
            if (seen != lastCount) {
                lastCount = seen;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > DRAIN_QUIET.toNanos()) {
                break;
            }
            Thread.sleep(20);
        }
        ProcessSampler.Sample self1 = SELF.sample();
        Optional<ProcessSampler.Sample> server1 = ctx.sample();
        Optional<ProcessSampler.Sample> redis1 = redis.map(ProcessSampler::sample);
        Optional<PromText> metrics1 = G1GatewayConnectStorm.metrics(ctx);
        reader.stop = true;
        readerThread.join(3_000);

        long entries = reader.distinct();
        long lastEntry = reader.lastEntryNanos;
        double sendSeconds = (sendEnd - sendStart) / 1e9;
        double landSeconds = (lastEntry - sendStart) / 1e9;
        r.metric("frames_sent", sent, "", Better.NONE);
        r.metric("frames_per_s_sent", sendSeconds > 0 ? sent / sendSeconds : Double.NaN, "1/s", Better.HIGHER);
        r.metric("send_stalls", pacer.stalls.get(), "", Better.LOWER);
        double routed = Double.NaN;
        if (metrics0.isPresent() && metrics1.isPresent()) {
            routed = G1GatewayConnectStorm.delta(metrics1.get(), metrics0.get(), "gateway_frames_total",
                    "route=\"send\"");
            r.metric("server_frames_routed", routed, "", Better.NONE);
            if (metricsAtSendEnd.isPresent()) {
                double routedBySendEnd = G1GatewayConnectStorm.delta(metricsAtSendEnd.get(), metrics0.get(),
                        "gateway_frames_total", "route=\"send\"");
                double window = (metricsAtSendEndNanos - sendStart) / 1e9;
                r.metric("server_frames_routed_per_s", window > 0 ? routedBySendEnd / window : Double.NaN, "1/s",
                        Better.HIGHER);
                r.metric("server_routed_at_send_end", routedBySendEnd, "", Better.NONE);
            }
            r.metric("server_sink_failures", G1GatewayConnectStorm.delta(metrics1.get(), metrics0.get(),
                    "gateway_sink_failures_total", null), "", Better.LOWER);
            r.metric("server_forbidden", G1GatewayConnectStorm.delta(metrics1.get(), metrics0.get(),
                    "gateway_forbidden_total", null), "", Better.LOWER);
        }
        r.metric("stream_entries", entries, "", Better.NONE);
        r.metric("stream_entries_at_send_end", entriesAtSendEnd, "", Better.NONE);
        r.metric("stream_entries_per_s", landSeconds > 0 ? entries / landSeconds : Double.NaN, "1/s", Better.HIGHER);
        r.metric("lost", Math.max(0, sent - entries), "", Better.LOWER);
        r.metric("duplicates", reader.duplicates, "", Better.LOWER);
        r.metric("drain_ms", lastEntry > sendEnd ? (lastEntry - sendEnd) / 1e6 : 0, "ms", Better.LOWER);
        LatencyStats.Summary lat = LatencyStats.Summary.of(reader.latency.interval());
        r.latency("frame_to_entry", lat);
        double benchPct = self1.cpuPercentSince(self0);
        r.metric("bench_cpu_us_per_frame", sent == 0 ? Double.NaN : (double) self1.cpuMicrosSince(self0) / sent, "us",
                Better.NONE);
        double frames = Double.isFinite(routed) && routed > 0 ? routed : entries;
        if (server0.isPresent() && server1.isPresent() && frames > 0) {
            double us = server1.get().cpuMicrosSince(server0.get()) / frames;
            r.metric("server_cpu_pct", server1.get().cpuPercentSince(server0.get()), "%", Better.NONE);
            r.metric("server_cpu_us_per_frame", us, "us", Better.LOWER);
            r.metric("server_frames_per_cpu_s", us > 0 ? 1e6 / us : Double.NaN, "1/s", Better.HIGHER);
            r.metric("rss_mb", server1.get().rssBytes() / 1048576.0, "MiB", Better.LOWER);
        }
        if (redis0.isPresent() && redis1.isPresent() && frames > 0) {
            r.metric("redis_cpu_pct", redis1.get().cpuPercentSince(redis0.get()), "%", Better.NONE);
            r.metric("redis_cpu_us_per_frame", redis1.get().cpuMicrosSince(redis0.get()) / frames, "us", Better.NONE);
        }
        long forbidden = sockets.stream().mapToLong(GatewayConnection::forbidden).sum();
        long closedByServer = sockets.stream().filter(c -> !c.isOpen()).count();
        r.metric("forbidden_replies", forbidden, "", Better.LOWER);
        r.metric("sockets_closed_by_server", closedByServer, "", Better.LOWER);
        if (reader.fieldsMissing != null) {
            r.error("stream entry lacks fields " + reader.fieldsMissing + " (has " + reader.firstFields + ")");
        } else if (reader.firstFields != null) {
            r.param("entry_fields", reader.firstFields);
        }
        if (reader.foreign > 0) {
            r.note(reader.foreign + " stream entries without a bench stamp (another writer on the stream?)");
        }
        if (reader.error.get() != null) {
            r.error("stream reader: " + reader.error.get());
        }
        if (!sentAll) {
            r.error("the senders did not finish within duration + 10 s (" + sent + " of " + total + " sent)");
        }
        if (sent > entries) {
            r.error((sent - entries) + " of " + sent + " frames never reached the stream (" + DRAIN_QUIET.toSeconds()
                    + " s without a new entry)");
        }
        if (forbidden > 0 || closedByServer > 0) {
            r.error(forbidden + " Forbidden replies, " + closedByServer + " sockets closed by the server");
        }
        if (benchPct > 90) {
            r.note("the generator used " + Math.round(benchPct) + "% of its core");
        }
        long xlen = control.xlen(o.stream());
        r.metric("xlen_after", xlen, "", Better.NONE);
        System.err.printf("[G2] %d frames sent in %.2f s (%.0f/s), %d entries in the stream (%.0f/s), lost %d,"
                + " p99 %.1f ms%n", sent, sendSeconds, sendSeconds > 0 ? sent / sendSeconds : 0, entries,
                landSeconds > 0 ? entries / landSeconds : 0, Math.max(0, sent - entries), lat.p99Ms());
    }

    /**
     * Open-loop sender: socket i of m sends frames seq = i, i+m, i+2m, … below {@code total}, catching up to
     * {@code rate/m × elapsed} every {@value #TICK_MICROS} µs (at most {@value #MAX_PER_TICK} a tick). One timer
     * per client event loop walks that loop's sockets (a timer per socket cost the generator 50,000 wake-ups/s
     * at 100 sockets). A socket whose outbound buffer is full skips the tick (counted as a stall) rather than
     * buffering without bound.
     */
    static final class Pacer {
        private final List<GatewayConnection> sockets;
        private final long total;
        private final double perSocketRate;
        private final String pad;
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong stalls = new AtomicLong();
        final AtomicLong lastWriteNanos = new AtomicLong();
        private final AtomicLong finished = new AtomicLong();
        private final List<io.netty.util.concurrent.ScheduledFuture<?>> timers = new ArrayList<>();

        /** One socket's progress; touched only on its event loop. */
        private static final class Lane {
            final GatewayConnection c;
            final int index;
            final long quota;
            long k;
            boolean finished;

            Lane(GatewayConnection c, int index, long quota) {
                this.c = c;
                this.index = index;
                this.quota = quota;
            }
        }

        Pacer(List<GatewayConnection> sockets, long total, double rate, String pad) {
            this.sockets = sockets;
            this.total = total;
            this.perSocketRate = rate / sockets.size();
            this.pad = pad;
        }

        /** Frames socket {@code i} of {@code m} sends in all. */
        static long quota(long total, int m, int i) {
            return total / m + (i < total % m ? 1 : 0);
        }

        void start(long startNanos) {
            int m = sockets.size();
            Map<io.netty.util.concurrent.EventExecutor, List<Lane>> byLoop = new java.util.LinkedHashMap<>();
            for (int i = 0; i < m; i++) {
                GatewayConnection c = sockets.get(i);
                var loop = c.eventLoop();
                long quota = quota(total, m, i);
                if (loop == null || quota == 0) {
                    laneDone(m);
                    continue;
                }
                byLoop.computeIfAbsent(loop, l -> new ArrayList<>()).add(new Lane(c, i, quota));
            }
            synchronized (timers) {
                byLoop.forEach((loop, lanes) -> timers.add(loop.scheduleAtFixedRate(() -> tick(lanes, startNanos, m),
                        0, TICK_MICROS, TimeUnit.MICROSECONDS)));
            }
        }

        private void tick(List<Lane> lanes, long startNanos, int m) {
            long due = (long) ((System.nanoTime() - startNanos) / 1e9 * perSocketRate) + 1;
            long n = 0;
            for (Lane lane : lanes) {
                if (lane.finished) {
                    continue;
                }
                GatewayConnection c = lane.c;
                long target = Math.min(lane.quota, due);
                if (!c.isOpen()) {
                    lane.finished = true;
                    laneDone(m);
                    continue;
                }
                if (lane.k < target && !c.isWritable()) {
                    stalls.incrementAndGet();
                    continue;
                }
                int written = 0;
                while (lane.k < target && written < MAX_PER_TICK) {
                    c.write(frame(lane.k * m + lane.index, System.nanoTime(), pad));
                    lane.k++;
                    written++;
                }
                if (written > 0) {
                    c.flush();
                    n += written;
                }
                if (lane.k >= lane.quota) {
                    lane.finished = true;
                    count(n); // before the latch can open: whoever waits on it reads sent
                    n = 0;
                    laneDone(m);
                }
            }
            count(n);
        }

        private void count(long n) {
            if (n > 0) {
                sent.addAndGet(n);
                lastWriteNanos.accumulateAndGet(System.nanoTime(), Math::max);
            }
        }

        private void laneDone(int m) {
            if (finished.incrementAndGet() == m) {
                done.countDown();
            }
        }

        void stop() {
            synchronized (timers) {
                timers.forEach(t -> t.cancel(false));
            }
        }
    }

    /** Follows the stream with XREAD BLOCK on its own connection; one thread, so its fields need no locks. */
    static final class Reader implements Runnable {
        private final String url;
        private final String stream;
        private final long total;
        private final long recordFrom;
        private String lastId;
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicReference<String> error = new AtomicReference<>();
        final LatencyStats latency = new LatencyStats();
        private final BitSet seen = new BitSet();
        private volatile long distinct;
        volatile long duplicates;
        volatile long foreign;
        volatile long lastEntryNanos;
        volatile long sendStartNanos;
        volatile boolean stop;
        volatile List<String> fieldsMissing;
        volatile List<String> firstFields;

        Reader(String url, String stream, String startId, long total) {
            this.url = url;
            this.stream = stream;
            this.lastId = startId;
            this.total = total;
            this.recordFrom = total / 10;
        }

        long distinct() {
            return distinct;
        }

        @Override
        public void run() {
            try (RespClient redis = RespClient.connect(url, 5_000)) {
                started.countDown();
                while (!stop) {
                    List<RespClient.StreamEntry> batch = redis.xread(stream, lastId, 4096, 200);
                    long now = System.nanoTime();
                    for (RespClient.StreamEntry e : batch) {
                        lastId = e.id();
                        onEntry(now, e.fields());
                    }
                }
            } catch (IOException | RuntimeException e) {
                error.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                started.countDown();
            }
        }

        private void onEntry(long now, Map<String, String> fields) {
            if (firstFields == null) {
                firstFields = List.copyOf(fields.keySet());
                List<String> missing = FIELDS.stream().filter(f -> !fields.containsKey(f)).toList();
                fieldsMissing = missing.isEmpty() ? null : missing;
            }
            String body = fields.get("body");
            Stamp s = body == null ? null : Stamp.parse(body);
            if (s == null || s.seq() < 0 || s.seq() >= total) {
                foreign++;
                return;
            }
            if (seen.get((int) s.seq())) {
                duplicates++;
                return;
            }
            seen.set((int) s.seq());
            distinct++;
            lastEntryNanos = now;
            if (s.seq() >= recordFrom) { // the first tenth warms up server, sink and generator
                latency.recordNanos(now - s.sentNanos());
            }
        }
    }
}
