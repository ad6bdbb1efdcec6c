/**
 * Shared storage for cache channels' last events ({@code cache.driver}): {@code memory} keeps them on each
 * node only, {@code redis} also in Redis so a node that starts later replays the same last event. Only
 * {@link dev.switchboard.cache.EventCaches} names the drivers.
 */
package dev.switchboard.cache;
