package dev.switchboard.bench.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a scenario hears from its connections. Called on the connection's event loop: implementations must
 * be cheap and thread-safe (several loops call the same listener).
 */
public interface PusherListener {
    PusherListener IGNORE = (connection, sentNanos) -> {};

    /** A bench-stamped event arrived; {@code sentNanos} is the publisher's {@code System.nanoTime()}. */
    void onDelivery(PusherConnection connection, long sentNanos);

    /**
     * Any other event that is not part of connection or subscription bookkeeping. Presence member_added and
     * member_removed arrive unparsed: {@code channel} and {@code message} are null for them.
     */
    default void onEvent(PusherConnection connection, String event, String channel, JsonNode message) {}

    /**
     * The socket closed. {@code closeCode} is the WebSocket close code the server sent, or -1 when the TCP
     * connection ended without one; {@code byUs} tells whether the bench asked for the close.
     */
    default void onClosed(PusherConnection connection, int closeCode, boolean byUs) {}
}
