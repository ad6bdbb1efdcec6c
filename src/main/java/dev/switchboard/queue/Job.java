package dev.switchboard.queue;

/**
 * One unit of work taken from a queue.
 *
 * @param topic the queue it came from
 * @param id the driver's id for it (stream entry id, delivery tag, sequence, receipt); for logs only
 * @param payload the bytes exactly as published
 * @param deliveries how many times it has been handed to a worker, this time included, where the driver
 *     knows it (1 otherwise)
 */
public record Job(String topic, String id, byte[] payload, int deliveries) {}
