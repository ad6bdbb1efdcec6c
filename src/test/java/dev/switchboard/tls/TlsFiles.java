package dev.switchboard.tls;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates and keys made at test time with the {@code openssl} command line, so the files under test come
 * from the tool real deployments use (certbot and openssl write these formats), not from our own code.
 */
public final class TlsFiles {
  private TlsFiles() {}

  /** A self-signed certificate for 127.0.0.1 and localhost and its key (PKCS#8), with {@code keyAlg} rsa or ec. */
  public static Pair selfSigned(Path dir, String name, String keyAlg) throws Exception {
    Path key = dir.resolve(name + ".key");
    Path cert = dir.resolve(name + ".crt");
    List<String> args = new ArrayList<>(List.of("req", "-x509", "-nodes", "-days", "2", "-subj", "/CN=" + name,
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key.toString(), "-out", cert.toString()));
    args.addAll(keyAlg.equals("ec") ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256")
        : List.of("-newkey", "rsa:2048"));
    openssl(args.toArray(new String[0]));
    return new Pair(cert, key);
  }

  /** A CA, and a certificate it signs for {@code cn} (a client, or a server when {@code server}). */
  public static Pair signedBy(Pair ca, Path dir, String cn, boolean server) throws Exception {
    Path key = dir.resolve(cn + ".key");
    Path csr = dir.resolve(cn + ".csr");
    Path cert = dir.resolve(cn + ".crt");
    Path ext = dir.resolve(cn + ".ext");
    Files.writeString(ext, server ? "subjectAltName=IP:127.0.0.1,DNS:localhost\n" : "extendedKeyUsage=clientAuth\n");
    openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
        "-subj", "/CN=" + cn);
    openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.cert().toString(), "-CAkey", ca.key().toString(),
        "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
    return new Pair(cert, key);
  }

  /** Runs openssl with {@code args}; fails with its output when it exits non-zero. */
  public static String openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  public static X509Certificate certificate(Path pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
  }

  /** A trust store (PKCS12, password "changeit") holding {@code certs}, for clients configured by file. */
  public static Path trustStore(Path dir, Path... certs) throws Exception {
    KeyStore ks = trust(certs);
    Path out = dir.resolve("trust-" + System.nanoTime() + ".p12");
    try (OutputStream o = Files.newOutputStream(out)) {
      ks.store(o, "changeit".toCharArray());
    }
    return out;
  }

  /** A client SSLContext that trusts {@code certs} only. */
  public static SSLContext clientContext(Path... certs) throws Exception {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(trust(certs));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, f.getTrustManagers(), null);
    return ctx;
  }

  private static KeyStore trust(Path... certs) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (int i = 0; i < certs.length; i++) {
      ks.setCertificateEntry("c" + i, certificate(certs[i]));
    }
    return ks;
  }

  /** A certificate file and its key file. */
  public record Pair(Path cert, Path key) {}
}
