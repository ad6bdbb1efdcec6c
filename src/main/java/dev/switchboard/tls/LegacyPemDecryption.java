package dev.switchboard.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenSSL's legacy PEM encryption ({@code Proc-Type: 4,ENCRYPTED} with {@code DEK-Info: AES-256-CBC,<iv>}),
 * still what {@code openssl rsa -aes256 -traditional} and older tools write. The key is OpenSSL's
 * {@code EVP_BytesToKey} with MD5, one round, and the IV's first 8 bytes as salt. Done with the JDK's
 * ciphers, so no BouncyCastle is needed for it.
 */
final class LegacyPemDecryption {
  private record Alg(String transform, String keyAlgorithm, int keyBytes) {}

  private static final java.util.Map<String, Alg> ALGS = java.util.Map.of(
      "AES-128-CBC", new Alg("AES/CBC/PKCS5Padding", "AES", 16),
      "AES-192-CBC", new Alg("AES/CBC/PKCS5Padding", "AES", 24),
      "AES-256-CBC", new Alg("AES/CBC/PKCS5Padding", "AES", 32),
      "DES-EDE3-CBC", new Alg("DESede/CBC/PKCS5Padding", "DESede", 24));

  private LegacyPemDecryption() {}

  /** The decrypted DER of {@code block}; a wrong passphrase shows up as bad padding or, later, bad DER. */
  static byte[] decrypt(PemBlock block, char[] passphrase) {
    String dekInfo = block.headers().get("DEK-Info");
    if (dekInfo == null || dekInfo.indexOf(',') < 0) {
      throw new TlsFileException("the encrypted key has no DEK-Info header naming its cipher");
    }
    String name = dekInfo.substring(0, dekInfo.indexOf(',')).trim().toUpperCase(Locale.ROOT);
    byte[] iv;
    try {
      iv = HexFormat.of().parseHex(dekInfo.substring(dekInfo.indexOf(',') + 1).trim());
    } catch (IllegalArgumentException e) {
      throw new TlsFileException("the encrypted key's DEK-Info IV is not hex");
    }
    Alg alg = ALGS.get(name);
    if (alg == null) {
      throw new TlsFileException("the key is encrypted with " + name
          + ", which is not supported (use AES-128/192/256-CBC or DES-EDE3-CBC, or PKCS#8)");
    }
    if (iv.length < 8) {
      throw new TlsFileException("the encrypted key's DEK-Info IV is too short");
    }
    try {
      byte[] key = bytesToKey(passphrase, java.util.Arrays.copyOf(iv, 8), alg.keyBytes());
      Cipher c = Cipher.getInstance(alg.transform());
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, alg.keyAlgorithm()), new IvParameterSpec(iv));
      return c.doFinal(block.der());
    } catch (javax.crypto.BadPaddingException e) {
      throw new TlsFileException("cannot decrypt the key: wrong passphrase");
    } catch (GeneralSecurityException e) {
      throw new TlsFileException("cannot decrypt the key: " + e.getMessage());
    }
  }

  /** OpenSSL's EVP_BytesToKey(MD5, salt, passphrase, count 1): D_i = MD5(D_{i-1} || passphrase || salt). */
  private static byte[] bytesToKey(char[] passphrase, byte[] salt, int len) throws GeneralSecurityException {
    byte[] pass = new String(passphrase).getBytes(StandardCharsets.UTF_8);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    byte[] out = new byte[len];
    byte[] prev = new byte[0];
    int filled = 0;
    while (filled < len) {
      md5.update(prev);
      md5.update(pass);
      md5.update(salt);
      prev = md5.digest();
      int n = Math.min(prev.length, len - filled);
      System.arraycopy(prev, 0, out, filled, n);
      filled += n;
    }
    return out;
  }
}
