package dev.switchboard.gateway.connections;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Requests signed by the real AWS SDK for Java v2 signer ({@link AwsV4HttpSigner}, the one every v2 service
 * client uses), and what such a request looks like on the wire to {@link SigV4Verifier}.
 */
final class SdkSigning {
  static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String KEY = "app-key";
  static final String SECRET = "app-secret";
  static final Function<String, String> SECRETS = k -> k.equals(KEY) ? SECRET : null;

  private SdkSigning() {}

  /** An unsigned management API request as the client builds it, path already percent-encoded. */
  static SdkHttpRequest request(SdkHttpMethod method, String encodedPath, byte[] body) {
    SdkHttpRequest.Builder b = SdkHttpRequest.builder().protocol("https")
        .host("abc123.execute-api.us-east-1.amazonaws.com").port(8443).method(method).encodedPath(encodedPath);
    if (body != null) {
      b.putHeader("Content-Type", "application/json").putHeader("Content-Length", String.valueOf(body.length));
    }
    return b.build();
  }

  static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, String region, String sessionToken) {
    AwsCredentialsIdentity id = sessionToken == null ? AwsCredentialsIdentity.create(KEY, SECRET)
        : AwsSessionCredentialsIdentity.create(KEY, SECRET, sessionToken);
    return AwsV4HttpSigner.create().sign(r -> r.identity(id).request(request)
        .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK)).request();
  }

  /** The signed request as the server receives it: raw path and query, headers by any case. */
  static SignedRequest wire(SdkHttpRequest signed, byte[] body) {
    return new SignedRequest(signed.method().name(), signed.encodedPath(), signed.getUri().getRawQuery(),
        name -> {
          List<String> values = signed.matchingHeaders(name);
          return values.isEmpty() ? null : String.join(",", values);
        }, body);
  }

  /** A JSON POST to {@code /prod/@connections/R0oXAdfD0kwCH6w=}, signed in us-east-1. */
  static SignedRequest post() {
    byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest r = request(SdkHttpMethod.POST, "/prod/%40connections/R0oXAdfD0kwCH6w%3D", body);
    return wire(sign(r, body, "us-east-1", null), body);
  }
}
