package dev.switchboard.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a key document, detecting its form: an RFC 7517 JWK Set ({@code {"keys":[...]}}), or the form of
 * Firebase and Google ({@code {"<kid>":"-----BEGIN CERTIFICATE-----..."}}), whose public keys (RSA or EC)
 * are taken from the certificates. A certificate is only a container for its key here: its validity dates
 * and issuer are not checked, as the document's URL is what is trusted.
 */
final class JwksDocument {
  private static final String PEM_CERT = "-----BEGIN CERTIFICATE-----";

  private JwksDocument() {}

  /** The keys in {@code json}; a {@link ParseException} when it is neither form or holds no usable key. */
  static JWKSet parse(String json) throws ParseException {
    Map<String, Object> doc = JSONObjectUtils.parse(json);
    if (doc.get("keys") instanceof List<?>) {
      return JWKSet.parse(doc);
    }
    List<JWK> keys = new ArrayList<>();
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      if (!(e.getValue() instanceof String pem) || !pem.trim().startsWith(PEM_CERT)) {
        throw new ParseException("neither a JWK Set nor a map of key id to PEM certificate", 0);
      }
      keys.add(fromCertificate(e.getKey(), pem));
    }
    if (keys.isEmpty()) {
      throw new ParseException("no keys in the document", 0);
    }
    return new JWKSet(keys);
  }

  private static JWK fromCertificate(String kid, String pem) throws ParseException {
    PublicKey key;
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      X509Certificate cert = (X509Certificate) f.generateCertificate(
          new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
      key = cert.getPublicKey();
    } catch (CertificateException | ClassCastException e) {
      throw new ParseException("certificate " + kid + " cannot be read: " + e.getMessage(), 0);
    }
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
    }
    if (key instanceof ECPublicKey ec) {
      Curve crv = Curve.forECParameterSpec(ec.getParams());
      if (crv == null) {
        throw new ParseException("certificate " + kid + " has an unsupported curve", 0);
      }
      try {
        return new ECKey.Builder(crv, ec).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
      } catch (IllegalStateException e) {
        // the JDK reads a certificate's EC point without checking it lies on the curve; Nimbus refuses it here
        throw new ParseException("certificate " + kid + " holds an invalid EC key: " + e.getMessage(), 0);
      }
    }
    throw new ParseException("certificate " + kid + " holds a " + key.getAlgorithm() + " key", 0);
  }
}
