package dev.switchboard.gateway.connections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;

/**
 * The real {@code ApiGatewayManagementApiClient}, pointed at a Vert.x server with an endpoint override and static
 * credentials as a backend would configure it, sends requests that the verifier accepts as the app key.
 */
class ManagementApiClientRequestsVerifyTest {
  private static final String ID = "R0oXAdfD0kwCH6w=";
  private static final SigV4Result VALID = new SigV4Result.Valid("app-key");
  private static ManagementApiReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    receiver = new ManagementApiReceiver(k -> k.equals("app-key") ? "app-secret" : null);
  }

  @AfterAll
  static void stop() throws Exception {
    receiver.close();
  }

  private static ApiGatewayManagementApiClient client(AwsCredentials credentials, Region region) {
    // the test classpath holds several HTTP clients, so one is named, as the SDK then requires
    return ApiGatewayManagementApiClient.builder().httpClient(Apache5HttpClient.create())
        .endpointOverride(URI.create("http://127.0.0.1:" + receiver.port() + "/prod"))
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).region(region).build();
  }

  private static ApiGatewayManagementApiClient client() {
    return client(AwsBasicCredentials.create("app-key", "app-secret"), Region.US_EAST_1);
  }

  @Test
  void postToConnectionVerifiesAndArrivesOnTheEncodedPath() throws Exception {
    try (var c = client()) {
      c.postToConnection(b -> b.connectionId(ID).data(SdkBytes.fromUtf8String("{\"hello\":\"world\"}")));
    }
    ManagementApiReceiver.Received r = receiver.next();
    assertEquals(VALID, r.result(), () -> String.join("\n", r.headers()));
    assertEquals("POST", r.method());
    assertEquals("/prod/@connections/R0oXAdfD0kwCH6w%3D", r.rawPath());
    assertEquals("{\"hello\":\"world\"}", ManagementApiReceiver.text(r.body()));
    // printed for the handler's author: the exact request line and headers the SDK sends
    System.out.println("SDK request: " + r.method() + " " + r.uri() + "\n  " + String.join("\n  ", r.headers()));
  }

  @Test
  void getConnectionVerifiesAndReadsTheAnswer() throws Exception {
    GetConnectionResponse answer;
    try (var c = client()) {
      answer = c.getConnection(b -> b.connectionId(ID));
    }
    ManagementApiReceiver.Received r = receiver.next();
    assertEquals(VALID, r.result());
    assertEquals("GET /prod/@connections/R0oXAdfD0kwCH6w%3D", r.method() + " " + r.uri());
    assertEquals("127.0.0.1", answer.identity().sourceIp());
  }

  @Test
  void deleteConnectionVerifies() throws Exception {
    try (var c = client(AwsBasicCredentials.create("app-key", "app-secret"), Region.EU_WEST_1)) {
      c.deleteConnection(b -> b.connectionId("a+b/c=="));
    }
    ManagementApiReceiver.Received r = receiver.next();
    assertEquals(VALID, r.result());
    assertEquals("DELETE /prod/@connections/a%2Bb%2Fc%3D%3D", r.method() + " " + r.uri());
  }

  @Test
  void aSessionTokenAndABodyOf131072BytesVerify() throws Exception {
    byte[] data = new byte[131_072];
    Arrays.fill(data, (byte) 'x');
    try (var c = client(AwsSessionCredentials.create("app-key", "app-secret", "token/+="), Region.EU_WEST_1)) {
      c.postToConnection(b -> b.connectionId(ID).data(SdkBytes.fromByteArray(data)));
    }
    ManagementApiReceiver.Received r = receiver.next();
    assertEquals(VALID, r.result());
    assertArrayEquals(data, r.body());
  }

  @Test
  void theAsyncClientOverNettyVerifiesToo() throws Exception {
    try (var c = ApiGatewayManagementApiAsyncClient.builder().httpClient(NettyNioAsyncHttpClient.create())
        .endpointOverride(URI.create("http://127.0.0.1:" + receiver.port() + "/prod"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("app-key", "app-secret")))
        .region(Region.US_EAST_1).build()) {
      c.postToConnection(b -> b.connectionId(ID).data(SdkBytes.fromString("hi", StandardCharsets.UTF_8)))
          .get(20, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertEquals(VALID, receiver.next().result());
  }

  @Test
  void aWrongSecretIsRefusedAndTheClientSeesForbidden() throws Exception {
    try (var c = client(AwsBasicCredentials.create("app-key", "wrong-secret"), Region.US_EAST_1)) {
      ForbiddenException e = assertThrows(ForbiddenException.class, () -> c.postToConnection(b -> b
          .connectionId(ID).data(SdkBytes.fromUtf8String("{}"))));
      assertEquals(403, e.statusCode());
    }
    assertInstanceOf(SigV4Result.Invalid.class, receiver.next().result());
  }

  @Test
  void anUnknownKeyIsRefused() throws Exception {
    try (var c = client(AwsBasicCredentials.create("other-key", "app-secret"), Region.US_EAST_1)) {
      assertThrows(ForbiddenException.class, () -> c.getConnection(b -> b.connectionId(ID)));
    }
    assertEquals(new SigV4Result.Invalid("Unknown access key id other-key"), receiver.next().result());
  }
}
