package dev.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

/**
 * A key document in Firebase's form whose EC certificate holds a point off its curve, found by
 * {@code JwtFuzzTest#jwksDocument}: the JDK reads such a certificate, and Nimbus then threw an
 * IllegalStateException out of the parser instead of the ParseException that makes the fetch a refused document.
 */
class JwksDocumentTest {
  @Test
  void anEcCertificateWithAPointOffItsCurveIsAParseError() throws Exception {
    String doc;
    try (var in = JwksDocumentTest.class.getResourceAsStream("JwtFuzzTestInputs/jwksDocument/ec-point-off-curve")) {
      doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ParseException e = assertThrows(ParseException.class, () -> JwksDocument.parse(doc));
    assertTrue(e.getMessage().contains("invalid EC key"), e.getMessage());
  }
}
