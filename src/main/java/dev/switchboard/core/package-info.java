/**
 * The server's state, free of I/O types: connections, the channel index per app, presence rosters, the
 * user index and fan-out. Each {@link dev.switchboard.core.Connection} lives on one {@link
 * dev.switchboard.core.Loop}; state owned by a connection is touched only on that loop, and shared indexes
 * are concurrent maps. Dialects and the HTTP API call in here; nothing in here calls a dialect. Counting
 * for metrics goes through the {@link dev.switchboard.core.AppMeters} and {@link
 * dev.switchboard.core.LoopMeters} hooks, implemented outside core, so core imports no metrics library.
 */
package dev.switchboard.core;
