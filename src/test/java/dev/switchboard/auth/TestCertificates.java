package dev.switchboard.auth;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed X.509 certificates made at test time with the JDK's {@code keytool} (no certificate builder is
 * on the test classpath), as a Firebase-style key server publishes them.
 */
public final class TestCertificates {
  private static final char[] PASS = "changeit".toCharArray();

  public record Entry(PrivateKey privateKey, X509Certificate certificate) {
    public String pem() throws Exception {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }
  }

  private TestCertificates() {}

  /** A key pair and certificate: {@code keyArgs} such as {@code -keyalg RSA -keysize 2048}. */
  public static Entry generate(Path dir, String alias, String... keyArgs) throws Exception {
    Path store = dir.resolve(alias + ".p12");
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", alias,
        "-dname", "CN=" + alias, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(PASS), "-keypass", new String(PASS)));
    cmd.addAll(List.of(keyArgs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASS);
    }
    return new Entry((PrivateKey) ks.getKey(alias, PASS), (X509Certificate) ks.getCertificate(alias));
  }
}
