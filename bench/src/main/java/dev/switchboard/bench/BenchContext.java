package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bench.client.PusherConnector;
import dev.switchboard.bench.client.SourceAddresses;
import dev.switchboard.bench.client.Transport;
import dev.switchboard.bench.http.ApiResponse;
import dev.switchboard.bench.http.HttpLane;
import dev.switchboard.bench.http.PusherApi;
import dev.switchboard.bench.stats.ProcessSampler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything a scenario needs to reach the server and measure it: connector, API client, a control HTTP lane,
 * the optional server sampler, and the scenario's deadline. Closing it closes every socket it handed out.
 */
public final class BenchContext implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);

    private final BenchOptions options;
    private final Transport transport;
    private final SourceAddresses sources;
    private final PusherConnector connector;
    private final PusherApi api;
    private final HttpLane control;
    private final ProcessSampler sampler;
    private final long deadlineNanos;
    private final List<HttpLane> lanes = new ArrayList<>();

    BenchContext(BenchOptions options, Duration hardTimeout) {
        this.options = options;
        this.transport = Transport.create(options.threads(), options.transport());
        this.sources = SourceAddresses.forTarget(options.host(), options.sourceAddresses());
        this.connector = new PusherConnector(transport, options.host(), options.port(), options.key(), sources,
                CONNECT_TIMEOUT);
        this.api = new PusherApi(options.appId(), options.key(), options.secret(), options.host(), options.port());
        this.control = new HttpLane(transport, options.host(), options.port(), sources, HTTP_TIMEOUT);
        this.sampler = options.pid() > 0 ? new ProcessSampler(options.pid()) : null;
        this.deadlineNanos = System.nanoTime() + hardTimeout.toNanos();
    }

    public BenchOptions options() {
        return options;
    }

    public PusherConnector connector() {
        return connector;
    }

    /** The client event loops (for connectors of other dialects, closed with the context). */
    public Transport transport() {
        return transport;
    }

    /** The loopback source addresses connections are spread over. */
    public SourceAddresses sources() {
        return sources;
    }

    public PusherApi api() {
        return api;
    }

    public Optional<ProcessSampler> sampler() {
        return Optional.ofNullable(sampler);
    }

    /** A server sample now, or empty without {@code --pid}. */
    public Optional<ProcessSampler.Sample> sample() {
        return sampler().map(ProcessSampler::sample);
    }

    /** A new keep-alive HTTP connection for publishing (to --publish-port), closed with the context. */
    public synchronized HttpLane newLane() {
        HttpLane lane = new HttpLane(transport, options.host(), options.publishPort(), sources, HTTP_TIMEOUT);
        lanes.add(lane);
        return lane;
    }

    /** Signed GET on the control lane; the parsed JSON body, or an exception naming status and body. */
    public JsonNode getJson(String subPath, Map<String, String> params) throws IOException, InterruptedException {
        ApiResponse r = await(control.send(api.get(subPath, params)), HTTP_TIMEOUT);
        if (!r.ok()) {
            throw new IOException("GET " + subPath + " -> " + r.status() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Milliseconds left before the scenario's hard timeout. */
    public long remainingMillis() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    /** Sleep that never runs past the hard timeout. */
    public void sleep(Duration d) throws InterruptedException {
        Thread.sleep(Math.min(d.toMillis(), remainingMillis()));
    }

    public static <T> T await(java.util.concurrent.CompletableFuture<T> f, Duration timeout)
            throws IOException, InterruptedException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("timed out after " + timeout.toMillis() + " ms", e);
        }
    }

    @Override
    public void close() {
        connector.close();
        synchronized (this) {
            lanes.forEach(HttpLane::close);
        }
        control.close();
        transport.close();
    }
}
