package dev.switchboard.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.AppRuntime;
import java.util.List;
import java.util.function.Function;

/**
 * A dialect's own tab in the console: rows of one app's state, each a flat JSON object whose fields are the
 * columns (e.g. the y-webrtc topics with their subscribers, the gateway's open connections). The server's
 * wiring makes one per enabled dialect, so the console never imports a dialect.
 *
 * @param name the tab's id in the API ({@code /console/api/apps/{id}/tabs/{name}})
 * @param title what the page calls it
 * @param rows the rows for an app, read on the calling thread; must not block
 */
public record ConsoleTab(String name, String title, Function<AppRuntime, List<ObjectNode>> rows) {}
