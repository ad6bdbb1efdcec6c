package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A soketi 1.6 or Sockudo deployment keeps its environment: every peer name lands on the right setting. */
class PeerEnvNamesTest {
  /** A size limit in whole KB, for comparing with the integers the variables gave. */
  private static int kb(long bytes) {
    return Math.toIntExact(bytes / 1024);
  }

  private static App defaultApp(Map<String, String> env) {
    return ConfigLoader.load(null, env).apps().get(0);
  }

  @Test
  void everySoketiDefaultAppVariableSetsItsField() {
    App a = defaultApp(Map.ofEntries(
        Map.entry("SOKETI_DEFAULT_APP_ID", "sid"), Map.entry("SOKETI_DEFAULT_APP_KEY", "skey"),
        Map.entry("SOKETI_DEFAULT_APP_SECRET", "ssecret"), Map.entry("SOKETI_DEFAULT_APP_MAX_CONNS", "11"),
        Map.entry("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES", "true"),
        Map.entry("SOKETI_DEFAULT_APP_ENABLED", "false"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_BACKEND_EVENTS_PER_SEC", "12"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_CLIENT_EVENTS_PER_SEC", "13"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_READ_REQ_PER_SEC", "14"),
        Map.entry("SOKETI_DEFAULT_APP_WEBHOOKS", "[{\"url\":\"http://127.0.0.1/h\",\"event_types\":[\"x\"]}]"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_PRESENCE_MEMBERS_PER_CHANNEL", "15"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_PRESENCE_MEMBER_SIZE_IN_KB", "3"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_CHANNEL_NAME_LENGTH", "16"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_EVENT_CHANNELS_AT_ONCE", "17"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_EVENT_NAME_LENGTH", "18"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_EVENT_PAYLOAD_IN_KB", "19"),
        Map.entry("SOKETI_DEFAULT_APP_MAX_EVENT_BATCH_SIZE", "20"),
        Map.entry("SOKETI_DEFAULT_APP_USER_AUTHENTICATION", "true")));
    assertEquals(List.of("sid", "skey", "ssecret"), List.of(a.id(), a.key(), a.secret()));
    assertEquals(11, a.maxConnections());
    assertTrue(a.enableClientMessages());
    assertFalse(a.enabled());
    assertEquals(List.of(12, 13, 14), List.of(a.maxBackendEventsPerSecond(), a.maxClientEventsPerSecond(),
        a.maxReadRequestsPerSecond()));
    assertEquals("http://127.0.0.1/h", a.webhooks().get(0).get("url").asText());
    assertEquals(List.of(15, 3, 16, 17, 18, 19, 20), List.of(a.maxPresenceMembersPerChannel(),
        kb(a.maxPresenceMemberBytes()), a.maxChannelNameLength(), a.maxEventChannelsAtOnce(),
        a.maxEventNameLength(), kb(a.maxEventPayloadBytes()), a.maxEventBatchSize()));
    assertTrue(a.enableUserAuthentication());
  }

  @Test
  void everySockudoDefaultAppVariableSetsItsField() {
    App a = defaultApp(Map.ofEntries(
        Map.entry("SOCKUDO_DEFAULT_APP_ID", "kid"), Map.entry("SOCKUDO_DEFAULT_APP_KEY", "kkey"),
        Map.entry("SOCKUDO_DEFAULT_APP_SECRET", "ksecret"), Map.entry("SOCKUDO_ENABLE_CLIENT_MESSAGES", "true"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_CONNECTIONS", "21"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_CLIENT_EVENTS_PER_SECOND", "22"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_READ_REQUESTS_PER_SECOND", "23"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_BACKEND_EVENTS_PER_SECOND", "24"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_PRESENCE_MEMBERS_PER_CHANNEL", "25"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_PRESENCE_MEMBER_SIZE_IN_KB", "4"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_CHANNEL_NAME_LENGTH", "26"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_EVENT_CHANNELS_AT_ONCE", "27"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_EVENT_NAME_LENGTH", "28"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_EVENT_PAYLOAD_IN_KB", "29"),
        Map.entry("SOCKUDO_DEFAULT_APP_MAX_EVENT_BATCH_SIZE", "30"),
        Map.entry("SOCKUDO_DEFAULT_APP_ENABLE_USER_AUTHENTICATION", "true"),
        Map.entry("SOCKUDO_DEFAULT_APP_ENABLE_WATCHLIST_EVENTS", "true"),
        Map.entry("SOCKUDO_DEFAULT_APP_ALLOWED_ORIGINS", "https://a.example,*.b.example")));
    assertEquals(List.of("kid", "kkey", "ksecret"), List.of(a.id(), a.key(), a.secret()));
    assertTrue(a.enableClientMessages());
    assertEquals(List.of(21, 22, 23, 24, 25, 4, 26, 27, 28, 29, 30), List.of(a.maxConnections(),
        a.maxClientEventsPerSecond(), a.maxReadRequestsPerSecond(), a.maxBackendEventsPerSecond(),
        a.maxPresenceMembersPerChannel(), kb(a.maxPresenceMemberBytes()), a.maxChannelNameLength(),
        a.maxEventChannelsAtOnce(), a.maxEventNameLength(), kb(a.maxEventPayloadBytes()), a.maxEventBatchSize()));
    assertTrue(a.enableUserAuthentication());
    assertTrue(a.enableWatchlistEvents());
    assertEquals(List.of("https://a.example", "*.b.example"), a.allowedOrigins());
  }

  @Test
  void aDefaultAppVariableNamingNoFieldStopsStartUp() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SOKETI_DEFAULT_APP_MAX_CONECTIONS", "5")));
    assertTrue(e.getMessage().startsWith("invalid config SOKETI_DEFAULT_APP_MAX_CONECTIONS: max_conections is not"),
        e.getMessage());
  }

  @Test
  void soketiServerLimitNamesFromItsCliAreRead() {
    ServerConfig c = ConfigLoader.load(null, Map.of(
        "SOKETI_EVENT_MAX_CHANNELS_AT_ONCE", "31", "SOKETI_EVENT_MAX_NAME_LENGTH", "32",
        "SOKETI_EVENT_MAX_SIZE_IN_KB", "33", "SOKETI_EVENT_MAX_BATCH_SIZE", "34",
        "SOKETI_CHANNEL_CACHE_TTL", "35", "SOKETI_CHANNEL_LIMITS_MAX_NAME_LENGTH", "36",
        "SOKETI_PRESENCE_MAX_MEMBERS", "37", "SOKETI_PRESENCE_MAX_MEMBER_SIZE", "5",
        "SOKETI_SHUTDOWN_GRACE_PERIOD", "4500", "SOKETI_PATH_PREFIX", "/ws"));
    ServerLimits l = c.limits();
    assertEquals(List.of(31, 32, 33, 34, 36, 37, 5), List.of(l.maxEventChannelsAtOnce(), l.maxEventNameLength(),
        kb(l.maxEventPayloadBytes()), l.maxEventBatchSize(), l.maxChannelNameLength(), l.maxPresenceMembersPerChannel(),
        kb(l.maxPresenceMemberBytes())));
    assertEquals(35, c.cacheChannelTtlSec());
    assertEquals(4500, c.shutdownGraceMs(), "soketi's grace period is in milliseconds");
    assertEquals("/ws", c.pathPrefix());
  }

  @Test
  void sockudoTimeSettingsAreSecondsInTheEnvironmentAndTheFile() throws IOException {
    ServerConfig c = ConfigLoader.load(null, Map.of("SHUTDOWN_GRACE_PERIOD", "10",
        "USER_AUTHENTICATION_TIMEOUT", "3600"));
    assertEquals(10_000, c.shutdownGraceMs());
    assertEquals(3_600_000, c.userAuthTimeoutMs());
    Path f = Files.createTempFile("sockudo", ".json");
    try {
      Files.writeString(f, "{\"shutdown_grace_period\": 7, \"user_authentication_timeout\": 60}");
      c = ConfigLoader.load(f, Map.of());
      assertEquals(7_000, c.shutdownGraceMs());
      assertEquals(60_000, c.userAuthTimeoutMs());
      c = ConfigLoader.load(f, Map.of("SWITCHBOARD_SHUTDOWN_GRACE_PERIOD_MS", "250"));
      assertEquals(250, c.shutdownGraceMs(), "the environment beats the file, our name beats the peers'");
    } finally {
      Files.delete(f);
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SHUTDOWN_GRACE_PERIOD", "soon")));
    assertEquals("invalid config SHUTDOWN_GRACE_PERIOD=\"soon\": expected an integer", e.getMessage());
  }
}
