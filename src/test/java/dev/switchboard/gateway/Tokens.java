package dev.switchboard.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.function.UnaryOperator;

/** HS256 tokens signed with the test servers' gateway secret. */
final class Tokens {
  static final String SECRET = "gateway-test-secret-0123456789-abcdef";

  private Tokens() {}

  /** A valid token for {@code user} (audience {@code chat}, an hour left), adjusted by {@code edit}. */
  static String forUser(String user, UnaryOperator<JWTClaimsSet.Builder> edit) {
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().subject(user).audience("chat")
        .expirationTime(new Date(System.currentTimeMillis() + 3_600_000));
    return sign(edit.apply(b).build());
  }

  static String forUser(String user) {
    return forUser(user, b -> b);
  }

  static String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
