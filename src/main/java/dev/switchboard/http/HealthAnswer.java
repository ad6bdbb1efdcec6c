package dev.switchboard.http;

/** The answer of a health endpoint, so both the public port and the metrics port can serve it. */
public record HealthAnswer(int status, String contentType, String body) {}
