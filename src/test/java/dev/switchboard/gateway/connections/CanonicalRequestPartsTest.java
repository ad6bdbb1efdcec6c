package dev.switchboard.gateway.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The canonical request parts, spelled out, and the Date header standing in for X-Amz-Date. */
class CanonicalRequestPartsTest {
  @Test
  void theWirePathIsEncodedOnceMoreSoEachSegmentEndsUpEncodedTwice() {
    assertEquals("/prod/%2540connections/R0oXAdfD0kwCH6w%253D",
        SigV4Canonical.uri("/prod/%40connections/R0oXAdfD0kwCH6w%3D"));
    assertEquals("/prod/%40connections/R0oXAdfD0kwCH6w%253D",
        SigV4Canonical.uri("/prod/@connections/R0oXAdfD0kwCH6w%3D"));
    assertEquals("/", SigV4Canonical.uri(""));
    assertEquals("/", SigV4Canonical.uri(null));
    assertEquals("/a/c", SigV4Canonical.uri("/a/./b/../c"));
    assertEquals("/a/", SigV4Canonical.uri("/a/"));
  }

  @Test
  void theQueryIsSortedByEncodedNameThenValueWithEmptyNamesDropped() {
    assertEquals("A=1&a=%20&a=x&b=&c=%2B%2F%3D&d=%C3%A9",
        SigV4Canonical.query("d=%c3%a9&c=%2B%2f%3D&b&a=x&a=%20&A=1&=skipped"));
    assertEquals("a=%2B", SigV4Canonical.query("a=+"));
    assertEquals("", SigV4Canonical.query(null));
  }

  @Test
  void signedHeaderValuesAreTrimmedAndInnerWhitespaceCollapsed() {
    Map<String, String> h = Map.of("host", " example.com ", "x-a", "\t a  \t b \r\n c ", "x-b", "");
    assertEquals("host:example.com\nx-a:a b c\nx-b:\n",
        SigV4Canonical.headers(List.of("host", "x-a", "x-b"), h::get));
  }

  @Test
  void anUnparsablePathIsRefusedNotThrown() {
    SignedRequest r = new SignedRequest("GET", "/a b|{}", null, n -> null, null);
    SignedRequest signedLike = new SignedRequest("GET", "/a b|{}", null, n -> switch (n) {
      case "authorization" -> "AWS4-HMAC-SHA256 Credential=k/20261206/us-east-1/execute-api/aws4_request, "
          + "SignedHeaders=host, Signature=" + "0".repeat(64);
      case "x-amz-date" -> "20261206T210000Z";
      case "host" -> "h";
      default -> null;
    }, null);
    SigV4Verifier v = new SigV4Verifier(SdkSigning.CLOCK);
    assertInstanceOf(SigV4Result.Invalid.class, v.verify(r, k -> "s"));
    assertEquals(new SigV4Result.Invalid("Request path is not a valid URI path"), v.verify(signedLike, k -> "s"));
  }

  @Test
  void aDateHeaderStandsInForXAmzDate() throws Exception {
    // signed here by hand, independently of the verifier's code, as the SigV4 spec describes
    String canonical = "GET\n/prod/%2540connections/abc\n\ndate:Sun, 06 Dec 2026 21:00:00 GMT\nhost:h\n\n"
        + "date;host\n" + hex(sha256(new byte[0]));
    String toSign = "AWS4-HMAC-SHA256\n20261206T210000Z\n20261206/eu-west-1/execute-api/aws4_request\n"
        + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] k = hmac(("AWS4" + "s3cret").getBytes(StandardCharsets.UTF_8), "20261206");
    for (String part : new String[] {"eu-west-1", "execute-api", "aws4_request"}) {
      k = hmac(k, part);
    }
    String auth = "AWS4-HMAC-SHA256 Credential=key/20261206/eu-west-1/execute-api/aws4_request,"
        + "SignedHeaders=date;host,Signature=" + hex(hmac(k, toSign));
    Map<String, String> h = Map.of("authorization", auth, "date", "Sun, 06 Dec 2026 21:00:00 GMT", "host", "h");
    SignedRequest r = new SignedRequest("GET", "/prod/%40connections/abc", null, h::get, new byte[0]);
    assertEquals(new SigV4Result.Valid("key"), new SigV4Verifier(SdkSigning.CLOCK).verify(r, key -> "s3cret"));
  }

  private static byte[] sha256(byte[] b) throws Exception {
    return java.security.MessageDigest.getInstance("SHA-256").digest(b);
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
