package dev.switchboard.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options. Scenario knobs left unset take the scenario's full-size default times
 * {@code --scale}; knobs given explicitly are used as they are.
 */
public record BenchOptions(
        String scenario,
        String host,
        int port,
        String appId,
        String key,
        String secret,
        long pid,
        String label,
        String json,
        double scale,
        Double settleSeconds,
        Double durationSeconds,
        Double stepSeconds,
        Integer connections,
        int maxPublishers,
        int httpConnections,
        int threads,
        int sourceAddresses,
        Double timeoutSeconds,
        int payloadBytes,
        int rounds,
        int inflight,
        double p99LimitMs,
        double slowFraction,
        int publishPort,
        String transport,
        String gatewayPath,
        String jwtSecret,
        String redisUrl,
        String stream,
        double rate,
        int metricsPort,
        long redisPid,
        int devices,
        String apiPrefix,
        boolean tls) {

    static final String USAGE = """
            usage: java -jar switchboard-bench.jar --scenario S1|S2|S3a|S3b|S4|S5|S6|S7|G1|G2|G3|G4 [options]
                   java -jar switchboard-bench.jar compare --a NAME=DIR --b NAME=DIR [--md FILE] [--json FILE]
              --host 127.0.0.1  --port 6001  --app-id app-id  --key app-key  --secret app-secret
              --pid N            server process to sample (RSS from /proc/N/status, CPU from /proc/N/stat)
              --label NAME       name of the server in the table and JSON (default: server)
              --json FILE        write the result as JSON
              --scale F          multiply connection counts and durations (0.1 = quick smoke run)
              --connections N    main connection count of the scenario (overrides the scaled default)
              --settle S         S1 hold time in seconds (default 120 = one activity timeout, x scale, at least 3)
              --duration S       S2 publish time, S4 phase time, G2/G3/G4 send time (default 60 / 10 x scale)
              --step-seconds S   S3a/S3b/S7 time per ramp step (default 10 x scale, at least 3)
              --max-publishers N S3a/S3b/S7 ramp limit (default 64)
              --http-conns N     S4/G3/G4 concurrent keep-alive HTTP connections (default 8)
              --rounds N         S5 leave/rejoin rounds per member; G1 storms of each kind (default 3)
              --inflight N       max connects in progress at once (default 500; S6 uses 4x)
              --p99-limit-ms F   S3 ramp stops once delivery p99 exceeds this (default 100)
              --slow-fraction F  S7 share of subscribers that stop reading (default 0.01)
              --payload-bytes N  event data size (default 100)
              --threads N        client event loops (default: available processors)
              --source-addrs N   loopback source addresses 127.0.0.1..N (default 4)
              --timeout S        hard timeout for the scenario (default per scenario)
              --publish-port N   send HTTP publishes to another node of the same cluster (default --port):
                                 S3a/S3b then measure cross-node fan-out, subscribers on --port
              --transport T      client sockets: epoll (default), io_uring (fewer syscalls per received
                                 frame; for the fan-out scenarios, where the generator reads most) or nio
              --tls true         wss:// and https:// (TLS 1.3 or 1.2, OpenSSL engine when it loads; the
                                 server's certificate is not checked: a load generator on loopback)
            Gateway dialect (G1 connect storm, G2 send into a Redis stream sink, G3 notifications over HTTP,
            G4 @connections PostToConnection with SigV4):
              --gateway-path P   WebSocket path of the Gateway dialect (default /gateway)
              --jwt-secret S     the server's gateway.auth.hmac_secret; G1-G4 sign one HS256 token per socket
                                 with it (sub, iat, exp) before the timed part (required for G1-G4)
              --metrics-port N   the server's Prometheus port: G1/G2 then also report what the server counted
                                 (sockets open, refusals, frames routed, sink failures); 0 = not read (default)
              --redis URL        G2: the Redis the send route's redis_stream sink writes to
                                 (default redis://127.0.0.1:6379)
              --stream NAME      G2: that sink's stream (required for G2; read with XREAD BLOCK, deleted at the end)
              --rate F           G2: frames/s offered by all sockets together (default 2000); G3: notifications/s
                                 (default 20); G4: PostToConnection requests/s (default 500)
              --devices D        G3: the first D sockets share one user and every notification names only that
                                 user (one user, D devices); 0 = broadcast to every socket (default)
              --api-prefix P     G4: path before /@connections/{id} (default empty; e.g. /prod as a stage)
              --redis-pid N      G2: Redis process to sample (CPU per frame), 0 = none (default)
            """;

    public static BenchOptions parse(List<String> args) {
        Map<String, String> m = toMap(args);
        BenchOptions o = new BenchOptions(
                req(m, "scenario"),
                m.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(m.getOrDefault("port", "6001")),
                m.getOrDefault("app-id", "app-id"),
                m.getOrDefault("key", "app-key"),
                m.getOrDefault("secret", "app-secret"),
                Long.parseLong(m.getOrDefault("pid", "0")),
                m.getOrDefault("label", "server"),
                m.get("json"),
                Double.parseDouble(m.getOrDefault("scale", "1")),
                optDouble(m, "settle"),
                optDouble(m, "duration"),
                optDouble(m, "step-seconds"),
                m.containsKey("connections") ? Integer.valueOf(m.get("connections")) : null,
                Integer.parseInt(m.getOrDefault("max-publishers", "64")),
                Integer.parseInt(m.getOrDefault("http-conns", "8")),
                Integer.parseInt(m.getOrDefault("threads",
                        Integer.toString(Runtime.getRuntime().availableProcessors()))),
                Integer.parseInt(m.getOrDefault("source-addrs", "4")),
                optDouble(m, "timeout"),
                Integer.parseInt(m.getOrDefault("payload-bytes", "100")),
                Integer.parseInt(m.getOrDefault("rounds", "3")),
                Integer.parseInt(m.getOrDefault("inflight", "500")),
                Double.parseDouble(m.getOrDefault("p99-limit-ms", "100")),
                Double.parseDouble(m.getOrDefault("slow-fraction", "0.01")),
                Integer.parseInt(m.getOrDefault("publish-port", m.getOrDefault("port", "6001"))),
                m.getOrDefault("transport", "epoll"),
                m.getOrDefault("gateway-path", "/gateway"),
                m.get("jwt-secret"),
                m.getOrDefault("redis", "redis://127.0.0.1:6379"),
                m.get("stream"),
                Double.parseDouble(m.getOrDefault("rate", defaultRate(m.get("scenario")))),
                Integer.parseInt(m.getOrDefault("metrics-port", "0")),
                Long.parseLong(m.getOrDefault("redis-pid", "0")),
                Integer.parseInt(m.getOrDefault("devices", "0")),
                m.getOrDefault("api-prefix", ""),
                Boolean.parseBoolean(m.getOrDefault("tls", "false")));
        if (o.devices < 0) {
            throw new IllegalArgumentException("--devices must be >= 0");
        }
        if (!o.apiPrefix.isEmpty() && (!o.apiPrefix.startsWith("/") || o.apiPrefix.endsWith("/")
                || !o.apiPrefix.matches("[A-Za-z0-9/_.~-]*"))) {
            throw new IllegalArgumentException("--api-prefix must be empty or a path such as /prod (no trailing /)");
        }
        if (o.scale <= 0 || o.port <= 0 || o.threads <= 0 || o.inflight <= 0 || o.httpConnections <= 0) {
            throw new IllegalArgumentException("--scale, --port, --threads, --inflight, --http-conns must be > 0");
        }
        if (!List.of("epoll", "io_uring", "nio").contains(o.transport)) {
            throw new IllegalArgumentException("--transport must be epoll, io_uring or nio");
        }
        if (!o.gatewayPath.startsWith("/") || o.gatewayPath.contains("?")) {
            throw new IllegalArgumentException("--gateway-path must be a path such as /gateway");
        }
        if (!(o.rate > 0) || o.rate > 1_000_000) {
            throw new IllegalArgumentException("--rate must be > 0 and at most 1000000 frames/s");
        }
        if (o.metricsPort < 0 || o.metricsPort > 65_535) {
            throw new IllegalArgumentException("--metrics-port must be a port number (0 = none)");
        }
        if (o.stream != null && !o.stream.matches("\\S{1,512}")) {
            throw new IllegalArgumentException("--stream must be a Redis key without spaces");
        }
        boolean gateway = List.of("g1", "g2", "g3", "g4").contains(o.scenario.toLowerCase(java.util.Locale.ROOT));
        if (gateway && (o.jwtSecret == null || o.jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32)) {
            throw new IllegalArgumentException("G1-G4 need --jwt-secret: the server's gateway.auth.hmac_secret"
                    + " (at least 32 bytes)");
        }
        if (o.scenario.equalsIgnoreCase("G2") && o.stream == null) {
            throw new IllegalArgumentException("G2 needs --stream: the stream of the server's send route");
        }
        return o;
    }

    static final List<String> KNOWN = List.of("scenario", "host", "port", "app-id", "key", "secret", "pid", "label",
            "json", "scale", "settle", "duration", "step-seconds", "connections", "max-publishers", "http-conns",
            "threads", "source-addrs", "timeout", "payload-bytes", "rounds", "inflight", "p99-limit-ms",
            "slow-fraction", "publish-port", "transport", "gateway-path", "jwt-secret", "redis", "stream", "rate",
            "metrics-port", "redis-pid", "devices", "api-prefix", "tls");

    /** --rate's default: G2 frames/s, G3 notifications/s, G4 requests/s. */
    static String defaultRate(String scenario) {
        if (scenario == null) {
            return "2000";
        }
        return switch (scenario.toUpperCase(java.util.Locale.ROOT)) {
            case "G3" -> "20";
            case "G4" -> "500";
            default -> "2000";
        };
    }

    /** {@code --name value} or {@code --name=value} pairs; unknown names are an error, not ignored. */
    static Map<String, String> toMap(List<String> args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            m.put(name, value);
        }
        return m;
    }

    private static String req(Map<String, String> m, String name) {
        m.keySet().stream().filter(k -> !KNOWN.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("unknown option --" + k);
        });
        String v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    private static Double optDouble(Map<String, String> m, String name) {
        return m.containsKey(name) ? Double.valueOf(m.get(name)) : null;
    }

    /** A count scaled by {@code --scale}, at least {@code min}. */
    public int scaled(int full, int min) {
        return Math.max(min, (int) Math.round(full * scale));
    }

    /** A duration in seconds scaled by {@code --scale}, at least {@code min}; {@code explicit} wins if set. */
    public double scaledSeconds(Double explicit, double full, double min) {
        return explicit != null ? explicit : Math.max(min, full * scale);
    }
}
