package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.App;
import dev.switchboard.cluster.ClusterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static ServerConfig load(String json, Map<String, String> env) throws IOException {
    Path f = Files.createTempFile("cfg", ".json");
    Files.writeString(f, json);
    try {
      return ConfigLoader.load(f, env);
    } finally {
      Files.delete(f);
    }
  }

  @Test
  void defaultsGiveTheSoketiDefaultAppOnPort6001() {
    ServerConfig c = ConfigLoader.load(null, Map.of());
    assertEquals(6001, c.port());
    assertEquals("0.0.0.0", c.host());
    assertEquals(120, c.activityTimeoutSec());
    assertEquals(1, c.apps().size());
    App app = c.apps().get(0);
    assertEquals("app-id", app.id());
    assertEquals("app-key", app.key());
    assertEquals("app-secret", app.secret());
    assertEquals(200, app.maxChannelNameLength());
    assertEquals(-1, app.maxConnections());
  }

  @Test
  void environmentOverridesTheFileAndOurNamesWinOverPeers() throws IOException {
    ServerConfig c = load("{\"port\":7000,\"activity_timeout\":30}",
        Map.of("SOKETI_PORT", "7100", "SWITCHBOARD_PORT", "7200", "ACTIVITY_TIMEOUT", "45"));
    assertEquals(7200, c.port());
    assertEquals(45, c.activityTimeoutSec());
  }

  @Test
  void soketiFlatDotKeyFilesAreRead() throws IOException {
    ServerConfig c = load("""
        {"port": 6100, "eventLimits.maxNameLength": 50, "presence.maxMembersPerChannel": 7,
         "appManager.array.apps": [{"id": 12, "key": "k", "secret": "s", "enableClientMessages": true,
                                    "maxBackendEventsPerSecond": 3}]}
        """, Map.of());
    assertEquals(6100, c.port());
    App app = c.apps().get(0);
    assertEquals("12", app.id());
    assertTrue(app.enableClientMessages());
    assertEquals(3, app.maxBackendEventsPerSecond());
    assertEquals(50, app.maxEventNameLength());
    assertEquals(7, app.maxPresenceMembersPerChannel());
  }

  @Test
  void soketiIndexedKeysAmendItsDefaultApp() throws IOException {
    String file = """
        {"appManager.array.apps.0.enableClientMessages": true,
         "appManager.array.apps.0.webhooks": [{"url": "http://127.0.0.1:9/h", "event_types": ["client_event"]}],
         "appManager.array.apps.0.maxConnections": 7}
        """;
    App app = load(file, Map.of()).apps().get(0);
    assertEquals("app-id", app.id());
    assertEquals("app-key", app.key());
    assertEquals("app-secret", app.secret());
    assertTrue(app.enableClientMessages());
    assertEquals(7, app.maxConnections());
    assertEquals("http://127.0.0.1:9/h", app.webhooks().get(0).get("url").asText());
    ServerConfig c = load(file, Map.of("SOKETI_DEFAULT_APP_KEY", "k2", "SOKETI_DEFAULT_APP_MAX_CONNS", "8"));
    assertEquals(1, c.apps().size());
    app = c.apps().get(0);
    assertEquals("k2", app.key(), "soketi's default-app variables still apply");
    assertEquals(8, app.maxConnections(), "the environment beats the file");
    assertTrue(app.enableClientMessages());
  }

  @Test
  void soketiIndexedKeysAmendTheAppsTheFileListsBeforeThem() throws IOException {
    ServerConfig c = load("""
        {"appManager.array.apps": [{"id": "a", "key": "ka", "secret": "sa"}, {"id": "b", "key": "kb", "secret": "sb"}],
         "appManager.array.apps.1.enableClientMessages": true}
        """, Map.of());
    assertEquals(2, c.apps().size());
    assertFalse(c.apps().get(0).enableClientMessages());
    assertEquals("b", c.apps().get(1).id());
    assertTrue(c.apps().get(1).enableClientMessages());
  }

  @Test
  void soketiDefaultAppVariablesAmendTheFirstListedAppAsSoketiAppliesThem() throws IOException {
    String file = """
        {"appManager.array.apps": [{"id": "a", "key": "ka", "secret": "sa", "maxConnections": 1},
                                   {"id": "b", "key": "kb", "secret": "sb"}]}
        """;
    ServerConfig c = load(file, Map.of("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES", "true",
        "SOKETI_DEFAULT_APP_MAX_CONNS", "3"));
    assertEquals(2, c.apps().size());
    App a = c.apps().get(0);
    assertEquals("a", a.id());
    assertTrue(a.enableClientMessages());
    assertEquals(3, a.maxConnections(), "maxConns replaces the file's maxConnections");
    assertFalse(c.apps().get(1).enableClientMessages());
    assertEquals("z", load(file, Map.of("SOKETI_DEFAULT_APP_ID", "z")).apps().get(0).id(),
        "soketi's DEFAULT_APP_ID is the path apps.0.id");
    c = load(file, Map.of("SOCKUDO_DEFAULT_APP_ID", "y"));
    assertEquals(3, c.apps().size(), "Sockudo's and our *_DEFAULT_APP_ID add the default app, as before");
    assertFalse(c.apps().get(0).enableClientMessages());
  }

  @Test
  void aNonNumericSegmentIntoAListNamesTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        {"appManager.array.apps": [{"id": "a", "key": "ka", "secret": "sa"}], "appManager.array.apps.first.id": "x"}
        """, Map.of()));
    assertEquals("invalid config appManager.array.apps.first.id: first is not an index (0 to 9999) into a list",
        e.getMessage());
  }

  @Test
  void aDotKeyWithAnEmptySegmentNamesTheKey() {
    for (String key : new String[] {".", "eventLimits.", ".port", "appManager..array"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> load("{\"" + key + "\": 1}", Map.of()), key);
      assertEquals("invalid config " + key + ": a segment between dots is empty", e.getMessage());
    }
  }

  @Test
  void soketiSizeLimitsTakeDecimalsRoundedToWholeBytes() throws IOException {
    ServerConfig c = load("""
        {"httpApi.requestLimitInMb": 0.5, "presence.maxMemberSizeInKb": 0.25, "eventLimits.maxPayloadInKb": 1.5,
         "appManager.array.apps.0.maxEventPayloadInKb": 0.001}
        """, Map.of());
    assertEquals(512 * 1024, c.httpBodyLimitBytes());
    assertEquals(256, c.limits().maxPresenceMemberBytes());
    assertEquals(1536, c.limits().maxEventPayloadBytes());
    App app = c.apps().get(0);
    assertEquals(1, app.maxEventPayloadBytes(), "1.024 bytes round to one byte");
    assertEquals(256, app.maxPresenceMemberBytes(), "an unset app limit takes the server's");
    assertEquals(100 * 1024, ConfigLoader.load(null, Map.of()).limits().maxEventPayloadBytes());
  }

  @Test
  void sizeLimitsFromTheEnvironmentTakeDecimals() {
    ServerConfig c = ConfigLoader.load(null, Map.of("SOKETI_HTTP_REQUEST_LIMIT_IN_MB", "0.25",
        "SOKETI_PRESENCE_MAX_MEMBER_SIZE", "0.5", "SOKETI_EVENT_MAX_SIZE_IN_KB", "2.5",
        "SOKETI_DEFAULT_APP_MAX_EVENT_PAYLOAD_IN_KB", "0.75", "SWITCHBOARD_WEBSOCKET_MAX_PAYLOAD_KB", "1.5"));
    assertEquals(256 * 1024, c.httpBodyLimitBytes());
    assertEquals(512, c.limits().maxPresenceMemberBytes());
    assertEquals(2560, c.limits().maxEventPayloadBytes());
    assertEquals(768, c.apps().get(0).maxEventPayloadBytes());
    assertEquals(1536, c.maxPayloadBytes());
  }

  @Test
  void aSizeThatIsNotANumberOrRoundsToNoBytesNamesTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SOKETI_EVENT_MAX_SIZE_IN_KB", "big")));
    assertEquals("invalid config SOKETI_EVENT_MAX_SIZE_IN_KB=\"big\": expected a number (decimals allowed) or -1"
        + " for unlimited", e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("{\"presence.maxMemberSizeInKb\": 0.0001}", Map.of()));
    assertEquals("invalid config presence.maxMemberSizeInKb=0: expected a size of at least one byte (1/1024 KB)"
        + " or -1 for unlimited", e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SOKETI_DEFAULT_APP_MAX_EVENT_PAYLOAD_IN_KB", "-0.5")));
    assertEquals("invalid config SOKETI_DEFAULT_APP_MAX_EVENT_PAYLOAD_IN_KB=\"-0.5\": expected a number of KB,"
        + " decimals allowed (-1 for unlimited)", e.getMessage());
  }

  @Test
  void defaultAppTakesEveryPeersEnvironmentNames() {
    ServerConfig c = ConfigLoader.load(null, Map.of("SOKETI_DEFAULT_APP_ID", "one", "SOKETI_DEFAULT_APP_KEY", "k1",
        "SOKETI_DEFAULT_APP_MAX_CONNS", "10", "SOCKUDO_DEFAULT_APP_ENABLE_CLIENT_MESSAGES", "true",
        "SWITCHBOARD_DEFAULT_APP_MAX_EVENT_PAYLOAD_IN_KB", "4"));
    App app = c.apps().get(0);
    assertEquals("one", app.id());
    assertEquals("k1", app.key());
    assertEquals(10, app.maxConnections());
    assertTrue(app.enableClientMessages());
    assertEquals(4 * 1024, app.maxEventPayloadBytes());
  }

  @Test
  void configuredAppsReplaceTheDefaultApp() throws IOException {
    ServerConfig c = load("{\"app_manager\":{\"array\":{\"apps\":[{\"id\":\"a\",\"key\":\"b\",\"secret\":\"c\","
        + "\"enabled\":false}]}}}", Map.of());
    assertEquals(1, c.apps().size());
    assertFalse(c.apps().get(0).enabled());
  }

  @Test
  void unknownDriverNamesTheKey() throws IOException {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("APP_MANAGER_DRIVER", "oracle")));
    assertTrue(e.getMessage().contains("APP_MANAGER_DRIVER=oracle"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("{\"app_manager\":{\"driver\":\"oracle\"}}", Map.of()));
    assertTrue(e.getMessage().contains("app_manager.driver=oracle"), e.getMessage());
  }

  @Test
  void nonNumericLimitNamesTheKeyAndValue() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load("{\"event_limits\":{\"max_name_length\":\"abc\"}}", Map.of()));
    assertEquals("invalid config event_limits.max_name_length=\"abc\": expected an integer", e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SWITCHBOARD_EVENT_LIMITS_MAX_NAME_LENGTH", "abc")));
    assertEquals("invalid config SWITCHBOARD_EVENT_LIMITS_MAX_NAME_LENGTH=\"abc\": expected an integer",
        e.getMessage());
  }

  @Test
  void duplicateAppKeysAreRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        {"app_manager":{"array":{"apps":[{"id":"1","key":"k","secret":"s"},{"id":"2","key":"k","secret":"t"}]}}}
        """, Map.of()));
    assertTrue(e.getMessage().contains("app_manager.array.apps[1].key=k"), e.getMessage());
  }

  @Test
  void malformedJsonNamesTheFileAndLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("{\n\"port\": 6001,\n oops}", Map.of()));
    assertTrue(e.getMessage().contains("malformed JSON at line 3"), e.getMessage());
  }

  @Test
  void aNonNumericAppLimitNamesTheAppAndTheFieldAsWritten() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        {"app_manager":{"array":{"apps":[{"id":"x","key":"k","secret":"s","max_connections":"many"}]}}}
        """, Map.of()));
    assertTrue(e.getMessage().contains("app x: max_connections=\"many\""), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("""
        {"appManager.array.apps":[{"id":"y","key":"k","secret":"s","maxConnections":"lots"}]}
        """, Map.of()));
    assertTrue(e.getMessage().contains("app y: maxConnections=\"lots\""), e.getMessage());
  }

  @Test
  void aBadValueFromTheEnvironmentNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SOKETI_EVENT_MAX_NAME_LENGTH", "abc")));
    assertEquals("invalid config SOKETI_EVENT_MAX_NAME_LENGTH=\"abc\": expected an integer", e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("PORT", "70000")));
    assertEquals("invalid config PORT=70000: expected a number from 0 to 65535", e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("SOKETI_DEFAULT_APP_MAX_CONNS", "many")));
    assertEquals("invalid config SOKETI_DEFAULT_APP_MAX_CONNS=\"many\": expected an integer (-1 for unlimited)",
        e.getMessage());
  }

  @Test
  void aBadValueFromASoketiDotKeyNamesTheDotKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("{\"eventLimits.maxNameLength\":\"x\"}",
        Map.of()));
    assertEquals("invalid config eventLimits.maxNameLength=\"x\": expected an integer", e.getMessage());
  }

  @Test
  void redisUrlServesTheAdapterRateLimiterAndCacheWhenNoOtherRedisIsNamed() {
    ConfigTree t = ConfigLoader.load(null, Map.of("REDIS_URL", "redis://cache.example:6380/2",
        "SOKETI_ADAPTER_DRIVER", "redis")).tree();
    assertEquals("redis", ClusterConfig.from(t).driver());
    assertEquals("redis://cache.example:6380/2", ClusterConfig.from(t).redisUrl());
    assertEquals("redis://cache.example:6380/2", RedisSettings.url(t, "rate_limiter.redis.url"));
    assertEquals("redis://cache.example:6380/2", RedisSettings.url(t, "cache.redis.url"));
  }

  @Test
  void soketiDbRedisNamesWinForLimiterAndCacheAndTheirSecretsAreEncoded() throws Exception {
    String password = "p@ss:w/rd%+ é";
    ConfigTree t = ConfigLoader.load(null, Map.of("REDIS_URL", "redis://bus.example:6379",
        "SOKETI_DB_REDIS_HOST", "db.example", "SOKETI_DB_REDIS_PORT", "6390", "SOKETI_DB_REDIS_DB", "3",
        "SOKETI_DB_REDIS_USERNAME", "ann@corp", "SOKETI_DB_REDIS_PASSWORD", password,
        "SOKETI_DB_REDIS_KEY_PREFIX", "sk")).tree();
    String url = RedisSettings.url(t, "rate_limiter.redis.url");
    assertEquals(url, RedisSettings.url(t, "cache.redis.url"));
    assertEquals("redis://bus.example:6379", ClusterConfig.from(t).redisUrl(), "the adapter keeps REDIS_URL");
    java.net.URI u = new java.net.URI(url);
    assertEquals("db.example", u.getHost());
    assertEquals(6390, u.getPort());
    assertEquals("/3", u.getPath());
    // the Redis client splits the raw user-info at ':' and URL-decodes each half
    String[] auth = u.getRawUserInfo().split(":");
    assertEquals("ann@corp", java.net.URLDecoder.decode(auth[0], java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(password, java.net.URLDecoder.decode(auth[1], java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("sk", RedisSettings.prefix(t));
  }

  @Test
  void natsSettingsTakeSoketiNames() {
    ClusterConfig c = ClusterConfig.from(ConfigLoader.load(null, Map.of("SOKETI_ADAPTER_DRIVER", "nats",
        "SOKETI_ADAPTER_NATS_SERVERS", "nats://n1:4222,nats://n2:4222", "SOKETI_ADAPTER_NATS_USER", "u",
        "SOKETI_ADAPTER_NATS_PASSWORD", "pw", "SOKETI_ADAPTER_NATS_TOKEN", "tok",
        "SOKETI_ADAPTER_NATS_PREFIX", "px")).tree());
    assertEquals("nats", c.driver());
    assertEquals("nats://n1:4222,nats://n2:4222", c.natsServers());
    assertEquals("u", c.natsUser());
    assertEquals("pw", c.natsPassword());
    assertEquals("tok", c.natsToken());
    assertEquals("px", c.prefix());
    ClusterConfig plain = ClusterConfig.from(ConfigLoader.load(null, Map.of("ADAPTER_DRIVER", "nats",
        "NATS_URL", "nats://n3:4222", "NATS_USER", "u2", "NATS_PASSWORD", "pw2", "NATS_TOKEN", "tok2")).tree());
    assertEquals("nats://n3:4222", plain.natsServers());
    assertEquals("u2", plain.natsUser());
    assertEquals("pw2", plain.natsPassword());
    assertEquals("tok2", plain.natsToken());
  }
}
