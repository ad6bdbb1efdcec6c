package dev.switchboard.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key form openssl writes reads back as the same key; wrong or missing passphrases say so. */
class PemPrivateKeysTest {
  @TempDir
  static Path dir;
  static Path rsa;
  static Path ec;

  @BeforeAll
  static void keys() throws Exception {
    rsa = dir.resolve("rsa1.pem");
    TlsFiles.openssl("genrsa", "-traditional", "-out", rsa.toString(), "2048");
    ec = dir.resolve("ec1.pem");
    TlsFiles.openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", ec.toString());
  }

  @Test
  void pkcs1RsaKeyPlainAndLegacyEncryptedReadAsTheSameKey() throws Exception {
    assertTrue(Files.readString(rsa).contains("BEGIN RSA PRIVATE KEY"));
    assertSame(rsa, read(rsa, null));
    for (String cipher : new String[] {"-aes256", "-aes128", "-des3"}) {
      Path enc = dir.resolve("rsa1" + cipher + ".pem");
      TlsFiles.openssl("rsa", "-in", rsa.toString(), cipher, "-passout", "pass:s3cret", "-traditional", "-out",
          enc.toString());
      assertTrue(Files.readString(enc).contains("Proc-Type: 4,ENCRYPTED"));
      assertSame(rsa, read(enc, "s3cret"));
    }
  }

  @Test
  void sec1EcKeyPlainAndLegacyEncryptedReadAsTheSameKey() throws Exception {
    assertTrue(Files.readString(ec).contains("BEGIN EC PARAMETERS"));
    assertSame(ec, read(ec, null));
    Path enc = dir.resolve("ec1-enc.pem");
    TlsFiles.openssl("ec", "-in", ec.toString(), "-aes256", "-passout", "pass:s3cret", "-out", enc.toString());
    assertTrue(Files.readString(enc).contains("BEGIN EC PRIVATE KEY"));
    assertSame(ec, read(enc, "s3cret"));
  }

  @Test
  void pkcs8KeysPlainAndEncryptedWithPbes2OrPbes1ReadAsTheSameKey() throws Exception {
    for (Path k : new Path[] {rsa, ec}) {
      Path enc = dir.resolve(k.getFileName() + ".p8enc");
      TlsFiles.openssl("pkcs8", "-topk8", "-in", k.toString(), "-passout", "pass:s3cret", "-out", enc.toString());
      assertTrue(Files.readString(enc).contains("BEGIN ENCRYPTED PRIVATE KEY"));
      assertSame(k, read(enc, "s3cret"));
      Path pbes1 = dir.resolve(k.getFileName() + ".p8pbes1");
      TlsFiles.openssl("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", k.toString(), "-passout", "pass:s3cret",
          "-out", pbes1.toString());
      assertSame(k, read(pbes1, "s3cret"));
    }
  }

  @Test
  void aWrongPassphraseIsReportedAsSuch() throws Exception {
    Path p8 = dir.resolve("wrong.p8");
    TlsFiles.openssl("pkcs8", "-topk8", "-in", rsa.toString(), "-passout", "pass:right", "-out", p8.toString());
    assertTrue(assertThrows(TlsFileException.class, () -> read(p8, "wrong")).getMessage()
        .contains("wrong passphrase"));
    Path p1 = dir.resolve("wrong.p1");
    TlsFiles.openssl("rsa", "-in", rsa.toString(), "-aes256", "-passout", "pass:right", "-traditional", "-out",
        p1.toString());
    assertThrows(TlsFileException.class, () -> read(p1, "wrong"));
    assertEquals("the key is encrypted and no passphrase is set",
        assertThrows(TlsFileException.class, () -> read(p1, null)).getMessage());
  }

  @Test
  void aFileWithoutAKeySaysWhatItLooksFor() {
    TlsFileException e = assertThrows(TlsFileException.class,
        () -> PemPrivateKeys.read(PemBlock.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"),
            null));
    assertTrue(e.getMessage().startsWith("no PRIVATE KEY"), e.getMessage());
  }

  private static PrivateKey read(Path pem, String pass) throws Exception {
    return PemPrivateKeys.read(PemBlock.parse(Files.readString(pem)), pass == null ? null : pass.toCharArray());
  }

  /** {@code parsed} equals openssl's own unencrypted PKCS#8 of {@code original}. */
  private static void assertSame(Path original, PrivateKey parsed) throws Exception {
    Path p8 = dir.resolve(original.getFileName() + ".plain.p8.der");
    TlsFiles.openssl("pkcs8", "-topk8", "-nocrypt", "-in", original.toString(), "-outform", "DER", "-out",
        p8.toString());
    byte[] der = Files.readAllBytes(p8);
    PrivateKey expected = KeyFactory.getInstance(parsed.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
    if (expected instanceof java.security.interfaces.ECPrivateKey e) {
      // the JDK may encode an EC key with or without its curve inside: compare the secret and the curve
      java.security.interfaces.ECPrivateKey p = (java.security.interfaces.ECPrivateKey) parsed;
      assertEquals(e.getS(), p.getS());
      assertEquals(e.getParams().toString(), p.getParams().toString());
    } else {
      assertArrayEquals(expected.getEncoded(), parsed.getEncoded());
    }
  }
}
