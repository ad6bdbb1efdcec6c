package dev.switchboard.tls;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the TLS files held at one moment: the certificate chain (leaf first), its private key, the client CAs
 * (empty when none), and a digest of the files' bytes, by which a poll tells a renewal from no change.
 * Reading follows symlinks, so certbot's {@code live/} links to {@code archive/} files work as they are.
 */
record TlsMaterial(X509Certificate[] chain, PrivateKey key, X509Certificate[] clientCas, String digest) {

  /** The files' digest alone, read cheaply by each poll; throws ConfigException naming the unreadable file. */
  static String digest(TlsConfig c) {
    return digestOf(read(c, "ssl.cert_path", c.certPath()), read(c, "ssl.key_path", c.keyPath()),
        c.caPath() == null ? new byte[0] : read(c, "ssl.ca_path", c.caPath()));
  }

  /**
   * Reads and checks every file; an error is a ConfigException naming the key of the file at fault, as the
   * user wrote it (ssl.key_path, SOKETI_SSL_KEY, ssl.keyPath ...), with the reason on the same line.
   */
  static TlsMaterial load(TlsConfig c) {
    byte[] certBytes = read(c, "ssl.cert_path", c.certPath());
    byte[] keyBytes = read(c, "ssl.key_path", c.keyPath());
    byte[] caBytes = c.caPath() == null ? new byte[0] : read(c, "ssl.ca_path", c.caPath());
    X509Certificate[] chain = certificates(c, "ssl.cert_path", c.certPath(), certBytes);
    PrivateKey key;
    try {
      key = PemPrivateKeys.read(PemBlock.parse(text(keyBytes)), c.passphrase() == null ? null
          : c.passphrase().toCharArray());
    } catch (TlsFileException | IllegalArgumentException e) {
      throw fail(c, "ssl.key_path", c.keyPath(), e.getMessage());
    }
    if (!matches(key, chain[0].getPublicKey())) {
      throw fail(c, "ssl.key_path", c.keyPath(), "the key does not belong to the first certificate in "
          + c.certPath());
    }
    X509Certificate[] cas = c.caPath() == null ? new X509Certificate[0]
        : certificates(c, "ssl.ca_path", c.caPath(), caBytes);
    return new TlsMaterial(chain, key, cas, digestOf(certBytes, keyBytes, caBytes));
  }

  private static byte[] read(TlsConfig c, String key, String path) {
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (IOException | RuntimeException e) {
      throw fail(c, key, path, "cannot read the file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null || e.getMessage().equals(path) ? "" : ": " + e.getMessage()) + ")");
    }
  }

  private static X509Certificate[] certificates(TlsConfig c, String key, String path, byte[] bytes) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (PemBlock b : PemBlock.parse(text(bytes))) {
        if (b.type().equals("CERTIFICATE") || b.type().equals("TRUSTED CERTIFICATE")) {
          out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw fail(c, key, path, "not a PEM certificate: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw fail(c, key, path, "no -----BEGIN CERTIFICATE----- block in the file");
    }
    return out.toArray(new X509Certificate[0]);
  }

  /** Signs a few bytes with the key and checks them with the certificate's public key. */
  private static boolean matches(PrivateKey key, PublicKey pub) {
    String alg = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (alg == null) {
      return true; // a key type this check does not know is left to the handshake
    }
    try {
      byte[] probe = "switchboard key check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(pub);
      s.update(probe);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false; // an RSA key against an EC certificate, say
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static String digestOf(byte[]... files) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] f : files) {
        md.update(java.nio.ByteBuffer.allocate(4).putInt(f.length).array());
        md.update(f);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConfigException fail(TlsConfig c, String key, String path, String why) {
    return new ConfigException("invalid config " + c.label(key) + "=" + path + ": " + why);
  }
}
