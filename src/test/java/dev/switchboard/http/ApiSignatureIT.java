package dev.switchboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.TestServer;
import dev.switchboard.pusher.PusherSignatures;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's signature checks against the real server, each refusal a 401 with a JSON error as the API's
 * other errors: a stale or future {@code auth_timestamp}, a request replayed once its window closed, a body that
 * no longer matches {@code body_md5}, a signature off by one digit or made with another secret.
 */
class ApiSignatureIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PATH = "/apps/app-id/events";
  private static final String BODY = "{\"name\":\"e\",\"channel\":\"sig-test\",\"data\":\"{}\"}";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** The query string of a request to {@link #PATH} signed at {@code ts} over {@code body} with {@code secret}. */
  private static String signedQuery(long ts, String body, String secret) {
    MultiMap p = MultiMap.caseInsensitiveMultiMap().add("auth_key", "app-key")
        .add("auth_timestamp", Long.toString(ts)).add("auth_version", "1.0").add("body_md5", ApiAuth.md5Hex(body));
    String query = ApiAuth.sortedQuery(p);
    return query + "&auth_signature=" + PusherSignatures.hmacHex(secret, "POST\n" + PATH + "\n" + query);
  }

  private static HttpResponse<String> post(String query, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + PATH + "?" + query))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(HttpResponse<String> r, String why) throws Exception {
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = JSON.readTree(r.body());
    assertEquals(401, body.get("code").asInt(), r.body());
    assertTrue(body.get("error").asText().contains(why), r.body());
  }

  @Test
  void aCorrectlySignedRequestPasses() throws Exception {
    assertEquals(200, post(signedQuery(now(), BODY, "app-secret"), BODY).statusCode());
  }

  @Test
  void aTimestampOutsideSixHundredSecondsEitherWayIsRefused() throws Exception {
    assertRefused(post(signedQuery(now() - 660, BODY, "app-secret"), BODY), "auth_timestamp");
    assertRefused(post(signedQuery(now() + 660, BODY, "app-secret"), BODY), "auth_timestamp");
    assertRefused(post(signedQuery(now(), BODY, "app-secret").replaceFirst("auth_timestamp=\\d+",
        "auth_timestamp=soon"), BODY), "auth_timestamp");
  }

  @Test
  void aCapturedRequestReplayedAfterItsWindowIsRefused() throws Exception {
    // signed 598 s ago: accepted now, as Pusher does within the window; two seconds on, the same bytes are not
    String query = signedQuery(now() - 598, BODY, "app-secret");
    assertEquals(200, post(query, BODY).statusCode());
    HttpResponse<String> replay = null;
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      replay = post(query, BODY);
      if (replay.statusCode() != 200) {
        break;
      }
      Thread.sleep(250); // waiting for the wall clock to leave the window; there is no event for that
    }
    assertRefused(replay, "auth_timestamp");
  }

  @Test
  void aBodyChangedAfterSigningIsRefusedEvenWithItsOwnMd5Swapped() throws Exception {
    String tampered = BODY.replace("sig-test", "other-channel");
    assertRefused(post(signedQuery(now(), BODY, "app-secret"), tampered), "body_md5");
    // the attacker also puts the new body's md5 in the query: the signature covers body_md5, so it breaks
    String query = signedQuery(now(), BODY, "app-secret").replace(ApiAuth.md5Hex(BODY), ApiAuth.md5Hex(tampered));
    assertRefused(post(query, tampered), "signature");
    String noMd5 = signedQuery(now(), BODY, "app-secret").replaceFirst("&?body_md5=[0-9a-f]+", "");
    assertRefused(post(noMd5, BODY), "body_md5");
  }

  @Test
  void aSignatureOffByOneDigitOrMadeWithAnotherSecretIsRefused() throws Exception {
    String good = signedQuery(now(), BODY, "app-secret");
    char last = good.charAt(good.length() - 1);
    String offByOne = good.substring(0, good.length() - 1) + (last == '0' ? '1' : '0');
    assertRefused(post(offByOne, BODY), "signature");
    assertRefused(post(good.substring(0, good.length() - 1), BODY), "signature"); // one digit short
    assertRefused(post(signedQuery(now(), BODY, "not-the-secret"), BODY), "signature");
  }

  @Test
  void anotherAppsKeyIsRefused() throws Exception {
    String query = signedQuery(now(), BODY, "app-secret").replace("auth_key=app-key", "auth_key=off-key");
    assertRefused(post(query, BODY), "auth_key");
  }
}
