/**
 * The {@code memory} queue driver (soketi's {@code sync}): jobs in this process only, shared by its
 * consumers, redelivered after a failure or when a consumer stops. Not durable; the default when no backend
 * is configured.
 */
package dev.switchboard.queue.memory;
