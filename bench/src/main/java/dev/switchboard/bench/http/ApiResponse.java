package dev.switchboard.bench.http;

/** Status, body and round-trip time (request written to response complete) of one HTTP call. */
public record ApiResponse(int status, String body, long latencyNanos) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
