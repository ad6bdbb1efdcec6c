package dev.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TestServer;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * A backend written for API Gateway, unchanged but for its endpoint and credentials: the AWS SDK's
 * {@code ApiGatewayManagementApiClient} posts to, describes and deletes gateway connections.
 */
class GatewayConnectionsIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":2,
         "app_manager":{"driver":"memory","array":{"apps":[
           {"id":"app-id","key":"app-key","secret":"app-secret"},
           {"id":"two-id","key":"two-key","secret":"two-secret"}]}},
         "gateway":{"auth":{"hmac_secret":"%s"}}}
        """.formatted(Tokens.SECRET), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static ApiGatewayManagementApiClient client(int port, String key, String secret) {
    return ApiGatewayManagementApiClient.builder().httpClient(Apache5HttpClient.create())
        .endpointOverride(URI.create("http://127.0.0.1:" + port + "/prod"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .region(Region.EU_WEST_1).build();
  }

  private static GatewayClient connect(String user) {
    return GatewayClient.connect(server.port(), "/gateway?authorization=" + Tokens.forUser(user));
  }

  @Test
  void postedDataArrivesAsOneMessageEachInOrder() throws Exception {
    try (GatewayClient c = connect("ana"); var api = client(server.port(), "app-key", "app-secret")) {
      String id = c.connectionId();
      api.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("plain text")));
      api.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("{\"n\":1.50,\"s\":\"é\"}")));
      for (int i = 0; i < 20; i++) {
        int n = i;
        api.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("#" + n)));
      }
      assertEquals("plain text", c.nextText());
      assertEquals("{\"n\":1.50,\"s\":\"é\"}", c.nextText());
      for (int i = 0; i < 20; i++) {
        assertEquals("#" + i, c.nextText());
      }
    }
  }

  @Test
  void getConnectionDescribesTheSocket() throws Exception {
    long before = System.currentTimeMillis();
    try (GatewayClient c = connect("bo"); var api = client(server.port(), "app-key", "app-secret")) {
      String id = c.connectionId();
      GetConnectionResponse r = api.getConnection(b -> b.connectionId(id));
      assertTrue(!r.connectedAt().isBefore(Instant.ofEpochMilli(before - 1_000)), r.toString());
      assertTrue(!r.lastActiveAt().isBefore(r.connectedAt()), r.toString());
      assertEquals("127.0.0.1", r.identity().sourceIp());
      assertTrue(r.identity().userAgent().startsWith("Java-http-client"), r.toString());
    }
  }

  @Test
  void deleteClosesTheSocketAndTheIdIsGoneAfterwards() throws Exception {
    try (GatewayClient c = connect("cy"); var api = client(server.port(), "app-key", "app-secret")) {
      String id = c.connectionId();
      api.deleteConnection(b -> b.connectionId(id));
      assertEquals(1000, c.closeCode(5_000));
      assertThrows(GoneException.class, () -> api.getConnection(b -> b.connectionId(id)));
      assertThrows(GoneException.class, () -> api.postToConnection(b -> b.connectionId(id)
          .data(SdkBytes.fromUtf8String("late"))));
      assertThrows(GoneException.class, () -> api.deleteConnection(b -> b.connectionId(id)));
    }
  }

  @Test
  void unknownIdsAndConnectionsOfAnotherAppAreGone() throws Exception {
    try (GatewayClient c = connect("dee"); var other = client(server.port(), "two-key", "two-secret");
        var api = client(server.port(), "app-key", "app-secret")) {
      String id = c.connectionId();
      assertThrows(GoneException.class, () -> other.postToConnection(b -> b.connectionId(id)
          .data(SdkBytes.fromUtf8String("not yours"))));
      assertThrows(GoneException.class, () -> api.getConnection(b -> b.connectionId("R0oXAdfD0kwCH6w=")));
      c.send("{\"action\":\"ping\"}");
      assertEquals("pong", c.next().path("type").asText(), "nothing from the other app arrived");
    }
  }

  @Test
  void dataOver131072BytesIsTooLargeAndExactlyThatMuchIsSent() throws Exception {
    try (GatewayClient c = connect("eli"); var api = client(server.port(), "app-key", "app-secret")) {
      String id = c.connectionId();
      assertThrows(PayloadTooLargeException.class, () -> api.postToConnection(b -> b.connectionId(id)
          .data(SdkBytes.fromUtf8String("x".repeat(131_073)))));
      api.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("y".repeat(131_072))));
      assertEquals(131_072, c.nextText().length());
    }
  }

  @Test
  void aWrongSecretIsForbidden() throws Exception {
    try (GatewayClient c = connect("fox"); var api = client(server.port(), "app-key", "wrong-secret")) {
      String id = c.connectionId();
      assertThrows(ForbiddenException.class, () -> api.getConnection(b -> b.connectionId(id)));
    }
  }
}
