package dev.switchboard.gateway.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Every change to an SDK-signed request, and every malformed header, is refused with a clear message. */
class TamperedOrMalformedRequestsAreRefusedTest {
  private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
  private final SigV4Verifier verifier = new SigV4Verifier(SdkSigning.CLOCK);

  private static String refused(SigV4Result result) {
    SigV4Result.Invalid invalid = assertInstanceOf(SigV4Result.Invalid.class, result);
    assertFalse(invalid.message().contains(SdkSigning.SECRET), "a refusal never echoes the secret");
    return invalid.message();
  }

  private static SignedRequest withHeader(SignedRequest r, String name, String value) {
    Function<String, String> h = n -> n.equalsIgnoreCase(name) ? value : r.header().apply(n);
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), h, r.body());
  }

  private SigV4Result verify(SignedRequest r) {
    return verifier.verify(r, SdkSigning.SECRETS);
  }

  @Test
  void aWrongSecretIsRefused() {
    String m = refused(verifier.verify(SdkSigning.post(), k -> "not-the-secret"));
    assertTrue(m.contains("signature"), m);
  }

  @Test
  void anUnknownAccessKeyIsRefused() {
    assertTrue(refused(verifier.verify(SdkSigning.post(), k -> null)).contains("Unknown access key id app-key"));
  }

  @Test
  void aTamperedBodyIsRefused() {
    SignedRequest r = SdkSigning.post();
    byte[] body = "{\"hello\":\"World\"}".getBytes(StandardCharsets.UTF_8);
    refused(verify(new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.header(), body)));
    refused(verify(new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.header(), null)));
  }

  @Test
  void aTamperedPathOrMethodIsRefused() {
    SignedRequest r = SdkSigning.post();
    refused(verify(new SignedRequest(r.method(), "/prod/%40connections/R0oXAdfD0kwCH6w%3E", null, r.header(),
        r.body())));
    refused(verify(new SignedRequest(r.method(), "/prod/@connections/R0oXAdfD0kwCH6w%3D", null, r.header(),
        r.body())));
    refused(verify(new SignedRequest("PUT", r.rawPath(), null, r.header(), r.body())));
  }

  @Test
  void aTamperedQueryIsRefused() {
    SdkHttpRequest q = SdkSigning.request(SdkHttpMethod.GET, "/prod/@connections/abc", null).toBuilder()
        .putRawQueryParameter("a", "1").build();
    SignedRequest r = SdkSigning.wire(SdkSigning.sign(q, null, "us-east-1", null), null);
    assertEquals(new SigV4Result.Valid("app-key"), verify(r));
    refused(verify(new SignedRequest(r.method(), r.rawPath(), "a=2", r.header(), null)));
    refused(verify(new SignedRequest(r.method(), r.rawPath(), "a=1&b=2", r.header(), null)));
    refused(verify(new SignedRequest(r.method(), r.rawPath(), null, r.header(), null)));
    assertTrue(refused(verify(new SignedRequest(r.method(), r.rawPath(), "a=%zz", r.header(), null)))
        .contains("percent"));
  }

  @Test
  void aSignedHeaderChangedIsRefusedButAnUnsignedOneIsNot() {
    SignedRequest r = SdkSigning.post();
    refused(verify(withHeader(r, "content-type", "text/plain")));
    refused(verify(withHeader(r, "host", "evil.example:8443")));
    assertTrue(refused(verify(withHeader(r, "content-type", null))).contains("content-type is missing"));
    assertEquals(new SigV4Result.Valid("app-key"), verify(withHeader(r, "user-agent", "anything")));
  }

  @ParameterizedTest
  @ValueSource(ints = {-16, 16})
  void anXAmzDate16MinutesOldOrAheadIsRefused(int minutes) {
    // the verifier's clock moves, not the request: the request is then 16 minutes off either way
    Clock clock = Clock.offset(SdkSigning.CLOCK, Duration.ofMinutes(minutes));
    String m = refused(new SigV4Verifier(clock).verify(SdkSigning.post(), SdkSigning.SECRETS));
    assertTrue(m.contains("15 minutes"), m);
  }

  @Test
  void aWrongServiceIsRefused() {
    SdkHttpRequest r = SdkSigning.request(SdkHttpMethod.POST, "/prod/@connections/abc", BODY);
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(s -> s
        .identity(AwsCredentialsIdentity.create(SdkSigning.KEY, SdkSigning.SECRET)).request(r)
        .payload(() -> new java.io.ByteArrayInputStream(BODY))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-apis")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, SdkSigning.CLOCK)).request();
    assertTrue(refused(verify(SdkSigning.wire(signed, BODY))).contains("'execute-api'"));
  }

  @Test
  void aMissingAuthorizationIsRefused() {
    assertTrue(refused(verify(withHeader(SdkSigning.post(), "authorization", null))).contains("Missing"));
    refused(verify(withHeader(SdkSigning.post(), "authorization", "  ")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer abc", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 Credential=x",
      "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00",
      "AWS4-HMAC-SHA256 Credential=app-key/2026120/us-east-1/execute-api/aws4_request, SignedHeaders=host, "
          + "Signature=0000000000000000000000000000000000000000000000000000000000000000",
      "AWS4-HMAC-SHA256 Credential=/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=host, "
          + "Signature=0000000000000000000000000000000000000000000000000000000000000000",
      "AWS4-HMAC-SHA256 Credential=app-key/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=x-amz-date, "
          + "Signature=0000000000000000000000000000000000000000000000000000000000000000",
      "AWS4-HMAC-SHA256 Credential=app-key/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=host;;a, "
          + "Signature=0000000000000000000000000000000000000000000000000000000000000000",
      "AWS4-HMAC-SHA256 Credential=app-key/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=host, "
          + "Signature=00000000000000000000000000000000000000000000000000000000000000GG",
      "AWS4-HMAC-SHA256 Credential=app-key/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=host, "
          + "Signature=0000000000000000000000000000000000000000000000000000000000000000, Signature=00",
      "AWS4-HMAC-SHA256 Credential=app-key/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=host, "
          + "Signature=0000000000000000000000000000000000000000000000000000000000000000, Extra=1",
      "AWS4-HMAC-SHA256 Credential=app-key/20261206/us-east-1/execute-api/aws4_request,,",
      "AWS4-HMAC-SHA256 ===, ,="})
  void garbageAuthorizationIsRefusedWithAMessage(String authorization) {
    String m = refused(verify(withHeader(SdkSigning.post(), "authorization", authorization)));
    assertFalse(m.isBlank());
  }

  @Test
  void aCredentialDateOtherThanXAmzDatesDateIsRefused() {
    SignedRequest r = SdkSigning.post();
    String auth = r.header().apply("authorization").replace("/20261206/", "/20261205/");
    assertTrue(refused(verify(withHeader(r, "authorization", auth))).contains("Credential date 20261205"));
  }

  @Test
  void aMissingOrMalformedDateIsRefused() {
    SignedRequest r = SdkSigning.post();
    assertTrue(refused(verify(withHeader(r, "x-amz-date", null))).contains("Missing X-Amz-Date"));
    refused(verify(withHeader(r, "x-amz-date", "2026-12-06T21:00:00Z")));
    refused(verify(withHeader(r, "x-amz-date", "20261306T210000Z")));
    refused(verify(withHeader(withHeader(r, "x-amz-date", null), "date", "yesterday")));
  }

  @Test
  void anXAmzContentSha256OtherThanTheBodysHashIsRefused() {
    // given the header, the SDK signs it with the hash of the body it was handed; another body then arrives
    SdkHttpRequest r = SdkSigning.request(SdkHttpMethod.POST, "/prod/@connections/abc", BODY).toBuilder()
        .putHeader("x-amz-content-sha256", "required").build();
    SdkHttpRequest signed = SdkSigning.sign(r, BODY, "us-east-1", null);
    assertEquals(SigV4Hashing.sha256Hex(BODY), signed.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
    byte[] other = "{\"hello\":\"there\"}".getBytes(StandardCharsets.UTF_8);
    assertTrue(refused(verify(SdkSigning.wire(signed, other))).contains("x-amz-content-sha256 does not match"));
    refused(verify(withHeader(SdkSigning.post(), "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")));
  }

  @Test
  void anXAmzContentSha256OfTheBodyOrUnsignedPayloadVerifies() {
    SdkHttpRequest r = SdkSigning.request(SdkHttpMethod.POST, "/prod/@connections/abc", BODY).toBuilder()
        .putHeader("x-amz-content-sha256", "required").build();
    SignedRequest hashed = SdkSigning.wire(SdkSigning.sign(r, BODY, "us-east-1", null), BODY);
    assertEquals(new SigV4Result.Valid("app-key"), verify(hashed));
    // with payload signing off (HTTPS only) the SDK signs and sends the literal UNSIGNED-PAYLOAD
    SdkHttpRequest unsigned = AwsV4HttpSigner.create().sign(s -> s
        .identity(AwsCredentialsIdentity.create(SdkSigning.KEY, SdkSigning.SECRET)).request(r)
        .payload(() -> new java.io.ByteArrayInputStream(BODY))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
        .putProperty(HttpSigner.SIGNING_CLOCK, SdkSigning.CLOCK)).request();
    assertEquals("UNSIGNED-PAYLOAD", unsigned.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
    byte[] anyBody = "not what was signed".getBytes(StandardCharsets.UTF_8);
    assertEquals(new SigV4Result.Valid("app-key"), verify(SdkSigning.wire(unsigned, anyBody)));
  }
}
