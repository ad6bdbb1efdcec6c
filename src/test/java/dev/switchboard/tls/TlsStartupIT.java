package dev.switchboard.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TestServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up with files that cannot be used stops with one line naming the key as the user wrote it; a CA
 * bundle makes the server ask for client certificates and check them.
 */
class TlsStartupIT {
  @TempDir
  Path dir;

  @Test
  void aKeyFileThatIsNoKeyStopsTheRealLauncherWithOneLineNamingTheVariable() throws Exception {
    TlsFiles.Pair good = TlsFiles.selfSigned(dir, "good", "rsa");
    Path bad = dir.resolve("bad.key");
    Files.writeString(bad, "this is not a key\n");
    String stderr = launch(Map.of("SOKETI_SSL_CERT", good.cert().toString(), "SOKETI_SSL_KEY", bad.toString()));
    List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), stderr);
    assertTrue(lines.get(0).startsWith("switchboard: ") && lines.get(0).contains("SOKETI_SSL_KEY=" + bad),
        lines.get(0));
  }

  @Test
  void eachUnusableFileIsNamedByItsKey() throws Exception {
    TlsFiles.Pair a = TlsFiles.selfSigned(dir, "a", "rsa");
    TlsFiles.Pair b = TlsFiles.selfSigned(dir, "b", "ec");
    Path missing = dir.resolve("missing.pem");
    assertStartFails(Map.of("SWITCHBOARD_SSL_CERT_PATH", missing.toString(), "SWITCHBOARD_SSL_KEY_PATH",
        a.key().toString()), "SWITCHBOARD_SSL_CERT_PATH=" + missing + ": cannot read the file");
    assertStartFails(Map.of("SSL_ENABLED", "true", "SSL_CERT_PATH", a.cert().toString(), "SSL_KEY_PATH",
        b.key().toString()), "SSL_KEY_PATH=" + b.key() + ": the key does not belong to the first certificate");
    assertStartFails(Map.of("SOKETI_SSL_CERT", a.key().toString(), "SOKETI_SSL_KEY", a.key().toString()),
        "SOKETI_SSL_CERT=" + a.key() + ": no -----BEGIN CERTIFICATE----- block");
    Path enc = dir.resolve("a-enc.key");
    TlsFiles.openssl("pkcs8", "-topk8", "-in", a.key().toString(), "-passout", "pass:right", "-out", enc.toString());
    assertStartFails(Map.of("SOKETI_SSL_CERT", a.cert().toString(), "SOKETI_SSL_KEY", enc.toString(),
        "SOKETI_SSL_PASS", "wrong"), "SOKETI_SSL_KEY=" + enc + ": cannot decrypt the key: wrong passphrase");
    // and the right passphrase starts it
    try (TestServer s = TestServer.start(TestServer.DEFAULT_CONFIG, Map.of("SOKETI_SSL_CERT", a.cert().toString(),
        "SOKETI_SSL_KEY", enc.toString(), "SOKETI_SSL_PASS", "right"))) {
      assertEquals(200, get(s.port(), TlsFiles.clientContext(a.cert())).statusCode());
    }
  }

  @Test
  void aCaBundleRequiresAClientCertificateItSigned() throws Exception {
    TlsFiles.Pair ca = TlsFiles.selfSigned(dir, "ca", "rsa");
    TlsFiles.Pair serverCert = TlsFiles.signedBy(ca, dir, "server", true);
    TlsFiles.Pair client = TlsFiles.signedBy(ca, dir, "client", false);
    TlsFiles.Pair stranger = TlsFiles.selfSigned(dir, "stranger", "rsa");
    String config = TestServer.DEFAULT_CONFIG.replaceFirst("\\{", "{\"ssl\":{\"cert_path\":\"" + serverCert.cert()
        + "\",\"key_path\":\"" + serverCert.key() + "\",\"ca_path\":\"" + ca.cert() + "\"},");
    try (TestServer s = TestServer.start(config, Map.of())) {
      assertEquals(200, get(s.port(), withClientCert(ca.cert(), client)).statusCode());
      assertThrows(java.io.IOException.class, () -> get(s.port(), TlsFiles.clientContext(ca.cert())));
      assertThrows(java.io.IOException.class, () -> get(s.port(), withClientCert(ca.cert(), stranger)));
    }
  }

  private static void assertStartFails(Map<String, String> env, String expected) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TestServer.start(TestServer.DEFAULT_CONFIG, env).close());
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(root.getMessage().contains(expected), root.getMessage());
  }

  private static HttpResponse<String> get(int port, SSLContext ctx) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(ctx).build();
    return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A client context that trusts {@code ca} and presents {@code cert} (made into PKCS12 by openssl). */
  private SSLContext withClientCert(Path ca, TlsFiles.Pair cert) throws Exception {
    Path p12 = dir.resolve(cert.cert().getFileName() + ".p12");
    TlsFiles.openssl("pkcs12", "-export", "-in", cert.cert().toString(), "-inkey", cert.key().toString(),
        "-passout", "pass:changeit", "-out", p12.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", TlsFiles.certificate(ca));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  /** Runs bin/switchboard start with {@code env}; returns its stderr once it exits (it must, with status 2). */
  private String launch(Map<String, String> env) throws Exception {
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder("bash", "bin/switchboard", "start").directory(new File("."))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
    pb.environment().putAll(Map.of("SWITCHBOARD_HOST", "127.0.0.1", "SWITCHBOARD_PORT", "0",
        "SWITCHBOARD_METRICS_ENABLED", "false", "JAVA_OPTS", "-Xmx128m -XX:TieredStopAtLevel=1"));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the server started with an unusable key");
    }
    assertEquals(2, p.exitValue());
    return Files.readString(err, StandardCharsets.UTF_8);
  }
}
