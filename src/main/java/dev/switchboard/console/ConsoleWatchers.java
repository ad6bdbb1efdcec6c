package dev.switchboard.console;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.AppTap;
import dev.switchboard.core.Hub;
import dev.switchboard.webhook.WebhookObserver;
import java.util.HashMap;
import java.util.Map;

/**
 * Who watches which app's event log. The first watcher of an app sets its log as the app's {@link AppTap};
 * when the last one leaves the tap goes back to {@link AppTap#OFF}, so an app nobody watches pays nothing. The
 * ring stays, so a console opened again shows what happened while it was watched before. Also hands webhook
 * attempts to the tap of their app (a lookup per attempt, none per message).
 */
final class ConsoleWatchers implements WebhookObserver {
  private final Hub hub;
  private final int logSize;
  private final Map<String, ConsoleLog> logs = new HashMap<>();
  private final Map<String, Integer> watching = new HashMap<>();

  ConsoleWatchers(Hub hub, int logSize) {
    this.hub = hub;
    this.logSize = logSize;
  }

  /** Starts a watch of {@code rt}; returns its ring. Pair with {@link #unwatch}. */
  synchronized ConsoleRing watch(AppRuntime rt) {
    ConsoleLog log = logs.computeIfAbsent(rt.id(), id -> new ConsoleLog(new ConsoleRing(logSize)));
    if (watching.merge(rt.id(), 1, Integer::sum) == 1) {
      rt.tap(log);
    }
    return log.ring();
  }

  /** The ring of {@code rt}, which must be watched already. */
  synchronized ConsoleRing ring(AppRuntime rt) {
    return logs.get(rt.id()).ring();
  }

  synchronized void unwatch(AppRuntime rt) {
    Integer left = watching.computeIfPresent(rt.id(), (k, n) -> n <= 1 ? null : n - 1);
    if (left == null) {
      rt.tap(AppTap.OFF);
    }
  }

  /** Watchers of {@code appId} now. */
  synchronized int watchers(String appId) {
    return watching.getOrDefault(appId, 0);
  }

  @Override
  public void attempted(String appId, String target, String body, int attempt, String outcome, String detail) {
    AppRuntime rt = hub.existing(appId);
    if (rt != null) {
      rt.tap().webhook(target, body, attempt, outcome, detail);
    }
  }
}
