package dev.switchboard.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * TLS on the public port ({@code ssl.*}, Sockudo's names; soketi's {@code ssl.certPath} file keys and
 * {@code SOKETI_SSL_*} variables map here). Setting a certificate turns TLS on unless {@code ssl.enabled}
 * says otherwise, as in soketi.
 *
 * @param certPath PEM certificate chain, leaf first (certbot's fullchain.pem)
 * @param keyPath PEM private key (certbot's privkey.pem)
 * @param passphrase for an encrypted key; null when none
 * @param caPath PEM bundle of the CAs that sign client certificates; null to ask for none
 * @param clientAuth with a CA: {@code require} (no certificate, no connection) or {@code optional} (a
 *     certificate is asked for and verified when sent: soketi's behaviour, and its default in soketi form)
 * @param reloadIntervalSec how often the files are checked for a renewal; 0 never
 * @param metrics whether the metrics port serves TLS too, with the same files
 * @param engine auto, openssl or jdk
 * @param labels each file key's name as the user wrote it (an env variable or a soketi key), for errors
 */
public record TlsConfig(boolean enabled, String certPath, String keyPath, String passphrase, String caPath,
    String clientAuth, int reloadIntervalSec, boolean metrics, String engine, Map<String, String> labels) {

  private static final Set<String> ENGINES = Set.of("auto", "openssl", "jdk");
  private static final Set<String> CLIENT_AUTH = Set.of("require", "optional");
  /** TLS off (after the sets above: the constructor reads them). */
  public static final TlsConfig OFF = new TlsConfig(false, null, null, null, null, "require", 60, false, "auto",
      Map.of());

  public TlsConfig {
    labels = Map.copyOf(labels);
    if (!ENGINES.contains(engine)) {
      throw ConfigException.invalid("ssl.engine", engine, "one of auto, openssl, jdk");
    }
    if (!CLIENT_AUTH.contains(clientAuth)) {
      throw ConfigException.invalid("ssl.client_auth", clientAuth, "require or optional");
    }
    if (reloadIntervalSec < 0 || reloadIntervalSec > 86_400) {
      throw ConfigException.invalid("ssl.reload_interval_sec", reloadIntervalSec,
          "a number of seconds from 0 (never) to 86400");
    }
    if (enabled && certPath == null) {
      throw ConfigException.invalid("ssl.cert_path", "\"\"", "the path of a PEM certificate chain (TLS is on)");
    }
    if (enabled && keyPath == null) {
      throw ConfigException.invalid("ssl.key_path", "\"\"", "the path of a PEM private key (TLS is on)");
    }
    if (metrics && !enabled) {
      throw ConfigException.invalid("ssl.metrics", true, "false while TLS is off (ssl.enabled)");
    }
  }

  /** The name the user gave {@code path} (e.g. SOKETI_SSL_KEY for ssl.key_path), for error lines. */
  public String label(String path) {
    return labels.getOrDefault(path, path);
  }

  static TlsConfig from(ConfigTree t) {
    String cert = path(t, "ssl.cert_path");
    String key = path(t, "ssl.key_path");
    String ca = path(t, "ssl.ca_path");
    String pass = t.string("ssl.passphrase", "");
    Map<String, String> labels = new java.util.HashMap<>();
    for (String p : new String[] {"ssl.cert_path", "ssl.key_path", "ssl.ca_path", "ssl.passphrase"}) {
      labels.put(p, t.label(p));
    }
    return new TlsConfig(
        t.bool("ssl.enabled", cert != null),
        cert, key, pass.isEmpty() ? null : pass, ca,
        t.string("ssl.client_auth", t.soketiForm() ? "optional" : "require").trim().toLowerCase(Locale.ROOT),
        t.integer("ssl.reload_interval_sec", 60),
        t.bool("ssl.metrics", false),
        t.string("ssl.engine", "auto").trim().toLowerCase(Locale.ROOT),
        labels);
  }

  /** A path setting, or null when unset or empty (soketi's and Sockudo's defaults are empty strings). */
  private static String path(ConfigTree t, String key) {
    String v = t.string(key, "").trim();
    return v.isEmpty() ? null : v;
  }

  @Override
  public String toString() {
    // never the passphrase
    return "TlsConfig[enabled=" + enabled + ", cert=" + certPath + ", key=" + keyPath + ", ca=" + caPath
        + ", engine=" + engine + "]";
  }
}
