package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ssl.* keys under every name they come by: ours, Sockudo's, soketi's file keys and variables. */
class TlsConfigTest {
  private static TlsConfig load(String json, Map<String, String> env) throws IOException {
    Path f = Files.createTempFile("cfg", ".json");
    Files.writeString(f, json);
    try {
      return ConfigLoader.load(f, env).tls();
    } finally {
      Files.delete(f);
    }
  }

  @Test
  void offByDefaultWithItsDefaults() throws IOException {
    TlsConfig t = load("{}", Map.of());
    assertFalse(t.enabled());
    assertNull(t.certPath());
    assertEquals(60, t.reloadIntervalSec());
    assertEquals("auto", t.engine());
    assertEquals("require", t.clientAuth());
    assertFalse(t.metrics());
  }

  @Test
  void soketiVariablesSetTheFilesAndACertificateTurnsTlsOn() throws IOException {
    TlsConfig t = load("{}", Map.of("SOKETI_SSL_CERT", "/c.pem", "SOKETI_SSL_KEY", "/k.pem", "SOKETI_SSL_PASS", "pw",
        "SOKETI_SSL_CA", "/ca.pem"));
    assertTrue(t.enabled());
    assertEquals("/c.pem", t.certPath());
    assertEquals("/k.pem", t.keyPath());
    assertEquals("pw", t.passphrase());
    assertEquals("/ca.pem", t.caPath());
    assertEquals("optional", t.clientAuth(), "soketi asks for a client certificate but does not require one");
    assertEquals("SOKETI_SSL_KEY", t.label("ssl.key_path"));
  }

  @Test
  void soketiFileKeysMapOntoTheSslSection() throws IOException {
    TlsConfig t = load("{\"ssl.certPath\":\"/c.pem\",\"ssl.keyPath\":\"/k.pem\",\"ssl.passphrase\":\"pw\","
        + "\"ssl.caPath\":\"\"}", Map.of());
    assertTrue(t.enabled());
    assertEquals("/c.pem", t.certPath());
    assertEquals("pw", t.passphrase());
    assertNull(t.caPath(), "soketi's empty default means none");
    assertEquals("ssl.keyPath", t.label("ssl.key_path"));
  }

  @Test
  void sockudoNamesAndOurOwnWork() throws IOException {
    TlsConfig t = load("{\"ssl\":{\"enabled\":false,\"cert_path\":\"/c.pem\",\"key_path\":\"/k.pem\","
        + "\"passphrase\":null,\"ca_path\":null,\"redirect_http\":false}}", Map.of());
    assertFalse(t.enabled(), "an explicit enabled=false wins over the files");
    t = load("{}", Map.of("SSL_ENABLED", "true", "SSL_CERT_PATH", "/c.pem", "SSL_KEY_PATH", "/k.pem",
        "SWITCHBOARD_SSL_RELOAD_INTERVAL_SEC", "5", "SWITCHBOARD_SSL_ENGINE", "JDK",
        "SWITCHBOARD_SSL_METRICS", "true", "SWITCHBOARD_SSL_CLIENT_AUTH", "optional"));
    assertTrue(t.enabled());
    assertEquals(5, t.reloadIntervalSec());
    assertEquals("jdk", t.engine());
    assertTrue(t.metrics());
    assertEquals("optional", t.clientAuth());
  }

  @Test
  void badSettingsNameTheirKey() {
    assertEquals("invalid config ssl.cert_path=\"\": expected the path of a PEM certificate chain (TLS is on)",
        assertThrows(ConfigException.class, () -> load("{}", Map.of("SSL_ENABLED", "1"))).getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> load("{}", Map.of("SOKETI_SSL_CERT", "/c.pem")))
        .getMessage().startsWith("invalid config ssl.key_path="));
    assertTrue(assertThrows(ConfigException.class, () -> load("{\"ssl\":{\"engine\":\"gnutls\"}}", Map.of()))
        .getMessage().startsWith("invalid config ssl.engine=gnutls"));
    assertTrue(assertThrows(ConfigException.class, () -> load("{}", Map.of("SWITCHBOARD_SSL_METRICS", "true")))
        .getMessage().startsWith("invalid config SWITCHBOARD_SSL_METRICS=true"));
    assertTrue(assertThrows(ConfigException.class,
        () -> load("{\"ssl\":{\"reload_interval_sec\":-1}}", Map.of())).getMessage()
        .startsWith("invalid config ssl.reload_interval_sec=-1"));
  }
}
