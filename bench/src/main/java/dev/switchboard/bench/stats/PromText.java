package dev.switchboard.bench.stats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads counters from a Prometheus text page (the server's {@code /metrics}), so a scenario can charge what the
 * server itself counted (frames routed, upgrades refused, sockets open) to a phase. A series is named without
 * the server's prefix: {@code gateway_frames_total} matches {@code switchboard_gateway_frames_total} and
 * {@code soketi_gateway_frames_total}, never {@code x_new_gateway_frames_total}'s neighbours with other names.
 */
public final class PromText {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String text;

    public PromText(String text) {
        this.text = text;
    }

    /** GET {@code http://host:port/metrics} within 5 s. */
    public static PromText fetch(String host, int port) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /metrics -> " + r.statusCode());
        }
        return new PromText(r.body());
    }

    /**
     * The sum of every sample of series {@code name} (with any prefix ending in {@code _}) whose label set
     * contains {@code labelFilter} (e.g. {@code route="send"}; null for all); NaN when there is none.
     */
    public double sum(String name, String labelFilter) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            int nameEnd = brace >= 0 && brace < space ? brace : space;
            String series = line.substring(0, nameEnd);
            if (!(series.equals(name) || series.endsWith("_" + name))) {
                continue;
            }
            String labels = "";
            int valueStart = space;
            if (nameEnd == brace) {
                int close = line.indexOf('}', brace);
                if (close < 0) {
                    continue;
                }
                labels = line.substring(brace + 1, close);
                valueStart = close + 1;
            }
            if (labelFilter != null && !labels.contains(labelFilter)) {
                continue;
            }
            String[] rest = line.substring(valueStart).trim().split("\\s+");
            try {
                total += Double.parseDouble(rest[0]);
                found = true;
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return found ? total : Double.NaN;
    }
}
