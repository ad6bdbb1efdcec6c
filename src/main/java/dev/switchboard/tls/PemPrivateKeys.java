package dev.switchboard.tls;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A private key from PEM, in each form certbot, openssl and cloud consoles hand out: PKCS#8
 * ({@code PRIVATE KEY}), PKCS#8 encrypted with a passphrase ({@code ENCRYPTED PRIVATE KEY}, PBES2 or PBES1),
 * PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}), the last two also with
 * OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED}. PKCS#1 and SEC1 are rewrapped as PKCS#8 so the JDK's
 * key factories read them.
 */
final class PemPrivateKeys {
  /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
  private static final byte[] RSA_ALG = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
      (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
  /** OID id-ecPublicKey (1.2.840.10045.2.1). */
  private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
  /** INTEGER 0, the PKCS#8 version. */
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
  private static final String PBES2_OID = "1.2.840.113549.1.5.13";

  private PemPrivateKeys() {}

  /** The one private key among {@code blocks}; {@code passphrase} may be null for an unencrypted key. */
  static PrivateKey read(List<PemBlock> blocks, char[] passphrase) {
    for (PemBlock b : blocks) {
      switch (b.type()) {
        case "PRIVATE KEY" -> {
          return fromPkcs8(b.der());
        }
        case "ENCRYPTED PRIVATE KEY" -> {
          return fromPkcs8(decryptPkcs8(b.der(), needPassphrase(passphrase)));
        }
        case "RSA PRIVATE KEY" -> {
          return fromPkcs8(Der.wrap(Der.SEQUENCE, VERSION_0, RSA_ALG,
              Der.wrap(Der.OCTET_STRING, plain(b, passphrase))));
        }
        case "EC PRIVATE KEY" -> {
          return fromPkcs8(sec1ToPkcs8(plain(b, passphrase)));
        }
        default -> {
          // EC PARAMETERS before an EC key, a certificate in a combined file: not the key
        }
      }
    }
    throw new TlsFileException("no PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
  }

  private static char[] needPassphrase(char[] passphrase) {
    if (passphrase == null || passphrase.length == 0) {
      throw new TlsFileException("the key is encrypted and no passphrase is set");
    }
    return passphrase;
  }

  /** A PKCS#1 or SEC1 block's DER, decrypted first when OpenSSL's legacy headers say it is encrypted. */
  private static byte[] plain(PemBlock b, char[] passphrase) {
    String procType = b.headers().get("Proc-Type");
    if (procType == null || !procType.contains("ENCRYPTED")) {
      return b.der();
    }
    return LegacyPemDecryption.decrypt(b, needPassphrase(passphrase));
  }

  private static byte[] decryptPkcs8(byte[] der, char[] passphrase) {
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
      AlgorithmParameters params = info.getAlgParameters();
      String alg = info.getAlgName();
      if (alg.equals(PBES2_OID) || alg.equalsIgnoreCase("PBES2")) {
        // the JDK names PBES2 by its parameters (PBEWithHmacSHA256AndAES_256 for openssl's default)
        alg = params.toString();
      }
      Cipher c = Cipher.getInstance(alg);
      c.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(alg).generateSecret(new PBEKeySpec(passphrase)),
          params);
      return info.getKeySpec(c).getEncoded();
    } catch (java.security.spec.InvalidKeySpecException e) {
      throw new TlsFileException("cannot decrypt the key: wrong passphrase");
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new TlsFileException("cannot decrypt the key: " + e.getMessage());
    }
  }

  /**
   * SEC1 {@code ECPrivateKey} (version, key, [0] curve, [1] public key) as PKCS#8: the curve moves into the
   * AlgorithmIdentifier, where the JDK's EC key factory looks for it.
   */
  private static byte[] sec1ToPkcs8(byte[] sec1) {
    try {
      Der.Element seq = Der.read(sec1, 0);
      int pos = seq.contentStart();
      pos = Der.read(sec1, pos).end(); // version
      pos = Der.read(sec1, pos).end(); // privateKey
      byte[] curve = null;
      while (pos < seq.end()) {
        Der.Element e = Der.read(sec1, pos);
        if (e.tag() == 0xa0) {
          curve = Der.read(sec1, e.contentStart()).whole(sec1);
        }
        pos = e.end();
      }
      if (curve == null) {
        throw new TlsFileException("the EC key does not name its curve");
      }
      return Der.wrap(Der.SEQUENCE, VERSION_0, Der.wrap(Der.SEQUENCE, EC_OID, curve),
          Der.wrap(Der.OCTET_STRING, sec1));
    } catch (IllegalArgumentException e) {
      throw new TlsFileException("the EC key is not valid DER (" + e.getMessage() + "; wrong passphrase?)");
    }
  }

  private static PrivateKey fromPkcs8(byte[] pkcs8) {
    for (String alg : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this algorithm: try the next
      }
    }
    throw new TlsFileException("the key is not an RSA, EC or Ed25519 private key (or the passphrase is wrong)");
  }
}
