package dev.switchboard.gateway.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Requests signed by the real AWS SDK v2 signer, shaped like @connections calls, verify as the signing key. */
class SdkSignedRequestsVerifyTest {
  private static final SigV4Result VALID = new SigV4Result.Valid(SdkSigning.KEY);
  private static final byte[] JSON = "{\"type\":\"message\",\"data\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
  private final SigV4Verifier verifier = new SigV4Verifier(SdkSigning.CLOCK);

  private SigV4Result signAndVerify(SdkHttpMethod method, String path, byte[] body, String region, String token) {
    SdkHttpRequest signed = SdkSigning.sign(SdkSigning.request(method, path, body), body, region, token);
    return verifier.verify(SdkSigning.wire(signed, body), SdkSigning.SECRETS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/prod/@connections/R0oXAdfD0kwCH6w%3D", "/prod/%40connections/R0oXAdfD0kwCH6w%3D",
      "/prod/@connections/a%2Bb%2Bc%3D%3D", "/dev/%40connections/Zm9v-YmFy_%2B%3D"})
  void postToConnectionWithAJsonBodyVerifies(String path) {
    assertEquals(VALID, signAndVerify(SdkHttpMethod.POST, path, JSON, "us-east-1", null));
  }

  @Test
  void getConnectionVerifies() {
    assertEquals(VALID, signAndVerify(SdkHttpMethod.GET, "/prod/@connections/R0oXAdfD0kwCH6w%3D", null,
        "us-east-1", null));
  }

  @Test
  void deleteConnectionVerifies() {
    assertEquals(VALID, signAndVerify(SdkHttpMethod.DELETE, "/prod/@connections/R0oXAdfD0kwCH6w%3D", null,
        "eu-west-1", null));
  }

  @Test
  void aBodyOf131072BytesVerifies() {
    byte[] body = new byte[131_072];
    Arrays.fill(body, (byte) 'x');
    assertEquals(VALID, signAndVerify(SdkHttpMethod.POST, "/prod/@connections/abc%3D", body, "us-east-1", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"us-east-1", "eu-west-1"})
  void aSessionTokenIsSignedAndIgnored(String region) {
    assertEquals(VALID, signAndVerify(SdkHttpMethod.POST, "/prod/@connections/abc%3D", JSON, region,
        "FwoGZXIvYXdzEJr//////////wEaDN+token/with+odd=chars"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"us-east-1", "eu-west-1"})
  void anyRegionVerifies(String region) {
    assertEquals(VALID, signAndVerify(SdkHttpMethod.POST, "/prod/@connections/abc%3D", JSON, region, null));
  }

  @Test
  void aQueryStringIsSortedAndEncodedAsTheSdkDoes() {
    SdkHttpRequest r = SdkSigning.request(SdkHttpMethod.GET, "/prod/@connections/abc", null).toBuilder()
        .putRawQueryParameter("b", "2").appendRawQueryParameter("a", "z").appendRawQueryParameter("a", "y y")
        .putRawQueryParameter("c", "x+y=z/é~*").putRawQueryParameter("empty", "").build();
    SdkHttpRequest signed = SdkSigning.sign(r, null, "us-east-1", null);
    assertEquals(VALID, verifier.verify(SdkSigning.wire(signed, null), SdkSigning.SECRETS));
  }

  @Test
  void dotSegmentsAndAnEmptyPathAreNormalisedAsTheSdkDoes() {
    for (String path : new String[] {"/prod/./@connections/../@connections/abc", "", "/", "/prod/a/"}) {
      assertEquals(VALID, signAndVerify(SdkHttpMethod.GET, path, null, "us-east-1", null), path);
    }
  }

  @Test
  void headerValuesWithRunsOfSpacesAreCollapsed() {
    SdkHttpRequest r = SdkSigning.request(SdkHttpMethod.POST, "/prod/@connections/abc", JSON).toBuilder()
        .putHeader("X-Custom", "  a   b \t c  ").build();
    SdkHttpRequest signed = SdkSigning.sign(r, JSON, "us-east-1", null);
    assertEquals(VALID, verifier.verify(SdkSigning.wire(signed, JSON), SdkSigning.SECRETS));
  }

  @Test
  void theVerifierAcceptsTheDateAtTheEdgeOfTheFifteenMinuteWindow() {
    SignedRequest r = SdkSigning.post();
    var early = java.time.Clock.offset(SdkSigning.CLOCK, java.time.Duration.ofMinutes(-15));
    var late = java.time.Clock.offset(SdkSigning.CLOCK, java.time.Duration.ofMinutes(15));
    assertEquals(VALID, new SigV4Verifier(early).verify(r, SdkSigning.SECRETS));
    assertEquals(VALID, new SigV4Verifier(late).verify(r, SdkSigning.SECRETS));
  }
}
