package dev.switchboard.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.AppTap;
import dev.switchboard.core.Hub;
import dev.switchboard.core.HubListener;
import dev.switchboard.core.Loop;
import org.junit.jupiter.api.Test;

class ConsoleWatchersTest {
  private final Hub hub = new Hub(new Loop[0], HubListener.all(), HubListener.all(), 0);
  private final ConsoleWatchers watchers = new ConsoleWatchers(hub, 10);

  @Test
  void anAppIsTappedOnlyWhileSomeoneWatchesIt() {
    AppRuntime rt = hub.runtime("app-id");
    assertSame(AppTap.OFF, rt.tap());
    ConsoleRing first = watchers.watch(rt);
    ConsoleRing second = watchers.watch(rt);
    assertSame(first, second);
    assertTrue(rt.tap() instanceof ConsoleLog);
    watchers.unwatch(rt);
    assertTrue(rt.tap() instanceof ConsoleLog, "one watcher is left");
    watchers.unwatch(rt);
    assertSame(AppTap.OFF, rt.tap());
    assertEquals(0, watchers.watchers("app-id"));
  }

  @Test
  void webhookAttemptsReachTheWatchedAppsLogAndNothingElse() {
    AppRuntime rt = hub.runtime("app-id");
    watchers.attempted("app-id", "http://hook", "{\"time_ms\":1,\"events\":[{\"name\":\"channel_occupied\","
        + "\"channel\":\"news\"}]}", 1, "delivered", "delivered");
    ConsoleRing ring = watchers.watch(rt);
    assertEquals(0, ring.next(), "nothing is logged while nobody watches");
    watchers.attempted("app-id", "http://hook", "{\"time_ms\":1,\"events\":[{\"name\":\"channel_occupied\","
        + "\"channel\":\"news\"}]}", 2, "retry", "HTTP 500");
    watchers.attempted("unknown-app", "http://hook", "{}", 1, "delivered", "delivered"); // no runtime: ignored
    String line = ring.since(0).lines().get(0);
    assertTrue(line.contains("\"kind\":\"webhook\"") && line.contains("\"channel\":\"news\"")
        && line.contains("retry (HTTP 500)") && line.contains("attempt 2"), line);
    watchers.unwatch(rt);
  }
}
