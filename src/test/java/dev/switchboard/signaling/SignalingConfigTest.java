package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.ServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignalingConfigTest {
  @BeforeAll
  static void names() {
    SignalingConfig.registerEnv();
  }

  private static SignalingConfig fromEnv(Map<String, String> env) {
    return SignalingConfig.from(ConfigLoader.load(null, env));
  }

  @Test
  void defaultsMatchTheReferenceServerWithLimitsOn() {
    SignalingConfig c = fromEnv(Map.of());
    assertTrue(c.enabled());
    assertEquals("/signaling", c.path());
    assertEquals(64 * 1024, c.maxMessageBytes());
    assertEquals(1_000, c.maxTopicsPerConnection());
    assertEquals(256, c.maxTopicLength());
    assertEquals(200, c.maxPublishPerSecond());
    assertEquals(50, c.maxConnectionsPerIpPerSecond());
    assertEquals(-1, c.maxConnections());
    assertEquals(30, c.pingIntervalSec());
    assertEquals("", c.ipHeader());
    assertFalse(c.auth().enabled());
  }

  @Test
  void everyKeyIsSettableThroughASwitchboardSignalingVariable() {
    SignalingConfig c = fromEnv(Map.ofEntries(
        Map.entry("SWITCHBOARD_SIGNALING_ENABLED", "false"),
        Map.entry("SWITCHBOARD_SIGNALING_PATH", "yjs/"),
        Map.entry("SWITCHBOARD_SIGNALING_MAX_MESSAGE_KB", "16"),
        Map.entry("SWITCHBOARD_SIGNALING_MAX_TOPICS_PER_CONNECTION", "5"),
        Map.entry("SWITCHBOARD_SIGNALING_MAX_TOPIC_LENGTH", "64"),
        Map.entry("SWITCHBOARD_SIGNALING_MAX_PUBLISH_PER_SECOND", "-1"),
        Map.entry("SWITCHBOARD_SIGNALING_MAX_CONNECTIONS_PER_IP_PER_SECOND", "7"),
        Map.entry("SWITCHBOARD_SIGNALING_MAX_CONNECTIONS", "1000"),
        Map.entry("SWITCHBOARD_SIGNALING_PING_INTERVAL_SEC", "10"),
        Map.entry("SWITCHBOARD_SIGNALING_IP_HEADER", "X-Forwarded-For"),
        Map.entry("SWITCHBOARD_SIGNALING_AUTH_JWKS_URL", "https://id.example.com/jwks.json"),
        Map.entry("SWITCHBOARD_SIGNALING_AUTH_HMAC_SECRET", "0123456789abcdef0123456789abcdef"),
        Map.entry("SWITCHBOARD_SIGNALING_AUTH_AUDIENCE", "aud"),
        Map.entry("SWITCHBOARD_SIGNALING_AUTH_ISSUER", "iss"),
        Map.entry("SWITCHBOARD_SIGNALING_AUTH_TOPICS_CLAIM", "rooms"),
        Map.entry("SWITCHBOARD_SIGNALING_AUTH_CLOCK_SKEW_SEC", "5"),
        Map.entry("SWITCHBOARD_SIGNALING_AUTH_JWKS_CACHE_TTL_SEC", "60")));
    assertFalse(c.enabled());
    assertEquals("/yjs", c.path());
    assertEquals(16 * 1024, c.maxMessageBytes());
    assertEquals(5, c.maxTopicsPerConnection());
    assertEquals(64, c.maxTopicLength());
    assertEquals(-1, c.maxPublishPerSecond());
    assertEquals(7, c.maxConnectionsPerIpPerSecond());
    assertEquals(1000, c.maxConnections());
    assertEquals(10, c.pingIntervalSec());
    assertEquals("X-Forwarded-For", c.ipHeader());
    assertEquals("https://id.example.com/jwks.json", c.auth().jwt().jwksUrl());
    assertEquals(List.of("aud"), c.auth().jwt().audiences());
    assertEquals("iss", c.auth().jwt().issuer());
    assertEquals("rooms", c.auth().topicsClaim());
    assertEquals(5, c.auth().jwt().clockSkewSec());
    assertEquals(60, c.auth().jwt().jwksCacheTtlSec());
    assertTrue(c.auth().enabled());
    assertFalse(c.auth().toString().contains("0123456789abcdef"), "the secret is never printed");
  }

  @Test
  void aRootPathServesSignalingOnEveryPathButPushers() {
    assertEquals("", fromEnv(Map.of("SWITCHBOARD_SIGNALING_PATH", "/")).path());
  }

  @Test
  void badValuesStopStartUpNamingTheKey() {
    assertBad("SWITCHBOARD_SIGNALING_MAX_TOPICS_PER_CONNECTION", "0", "signaling.max_topics_per_connection=0");
    assertBad("SWITCHBOARD_SIGNALING_MAX_PUBLISH_PER_SECOND", "-5", "signaling.max_publish_per_second=-5");
    assertBad("SWITCHBOARD_SIGNALING_PING_INTERVAL_SEC", "abc", "signaling.ping_interval_sec=\"abc\"");
    assertBad("SWITCHBOARD_SIGNALING_AUTH_JWKS_URL", "ftp://x/jwks", "signaling.auth.jwks_url");
    assertBad("SWITCHBOARD_SIGNALING_MAX_MESSAGE_KB", "401", "at most 4 x websocket_max_payload_kb (400)");
    ConfigException e = assertThrows(ConfigException.class,
        () -> fromEnv(Map.of("SWITCHBOARD_SIGNALING_AUTH_HMAC_SECRET", "short-secret")));
    assertTrue(e.getMessage().contains("signaling.auth.hmac_secret"), e.getMessage());
    assertFalse(e.getMessage().contains("short-secret"), "the secret is never printed");
  }

  @Test
  void aSmallWebsocketPayloadLimitLowersTheDefaultMessageLimitInsteadOfFailing() {
    // 8 KB frames for Pusher: the HTTP server reads at most 32 KB, below signaling's 64 KB default
    assertFalse(fromEnv(Map.of("SWITCHBOARD_WEBSOCKET_MAX_PAYLOAD_KB", "8", "SWITCHBOARD_SIGNALING_ENABLED", "false"))
        .enabled());
    assertEquals(32 * 1024, fromEnv(Map.of("SWITCHBOARD_WEBSOCKET_MAX_PAYLOAD_KB", "8")).maxMessageBytes());
    ConfigException e = assertThrows(ConfigException.class, () -> fromEnv(Map.of(
        "SWITCHBOARD_WEBSOCKET_MAX_PAYLOAD_KB", "8", "SWITCHBOARD_SIGNALING_MAX_MESSAGE_KB", "64")));
    assertTrue(e.getMessage().contains("signaling.max_message_kb=64"), e.getMessage());
    assertTrue(e.getMessage().contains("at most 4 x websocket_max_payload_kb (32)"), e.getMessage());
  }

  private static void assertBad(String env, String value, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> fromEnv(Map.of(env, value)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void theFileSectionIsReadToo() {
    ConfigTree t = ConfigTree.empty();
    t.set("signaling.max_topic_length", com.fasterxml.jackson.databind.node.IntNode.valueOf(12));
    assertEquals(12, SignalingConfig.from(ServerConfig.from(t)).maxTopicLength());
  }
}
