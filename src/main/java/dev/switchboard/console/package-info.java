/**
 * The web console on the metrics port ({@code /console}, off unless {@code console.enabled}): a page shipped in
 * the jar (resources/console) and its JSON API under {@code /console/api/}, every call authenticated by the
 * admin token or an app's key and secret. Live counts, channel lists, presence members and the test-event form
 * go through the HTTP API's own code ({@link dev.switchboard.http.HttpApi#trusted}); the event log is an
 * {@link dev.switchboard.core.AppTap} set on an app's runtime only while someone watches it, and in a cluster
 * every node's log comes over the cluster's node-to-node requests. May import core, app, http, webhook, config
 * and the cluster SPI; no dialect (their tabs come as {@link dev.switchboard.console.ConsoleTab}s); nothing
 * imports it but the server's wiring.
 */
package dev.switchboard.console;
