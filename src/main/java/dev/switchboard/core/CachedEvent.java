package dev.switchboard.core;

/** The last event of a cache channel, replayed to new subscribers until it expires. */
public record CachedEvent(OutboundMessage message, long expiresAtMillis) {}
