package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.client.Pusher;
import com.pusher.rest.data.Validity;
import dev.switchboard.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lambda targets in soketi's shape, invoked through the AWS SDK against a local stand-in for the Lambda API
 * that checks the Invoke path and the InvocationType header. The first invocation of the sync function
 * fails with a 500, so retries are covered too.
 */
class LambdaWebhookIT {
  record Invocation(String function, String invocationType, JsonNode body) {}

  private static final BlockingQueue<Invocation> invocations = new LinkedBlockingQueue<>();
  private static final AtomicInteger syncCalls = new AtomicInteger();
  private static final AtomicInteger failingCalls = new AtomicInteger();
  private static Vertx vertx;
  private static HttpServer lambda;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    lambda = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      String path = req.path();
      String prefix = "/2015-03-31/functions/";
      if (!path.startsWith(prefix) || !path.endsWith("/invocations")) {
        req.response().setStatusCode(404).end("{\"message\":\"unknown path " + path + "\"}");
        return;
      }
      String fn = path.substring(prefix.length(), path.length() - "/invocations".length());
      String type = req.getHeader("X-Amz-Invocation-Type");
      if (fn.equals("fn-sync") && syncCalls.incrementAndGet() == 1) {
        req.response().setStatusCode(500).putHeader("x-amzn-ErrorType", "ServiceException")
            .end("{\"message\":\"try again\"}");
        return;
      }
      if (fn.equals("fn-fails")) {
        failingCalls.incrementAndGet(); // Lambda ran the function and it threw
        req.response().setStatusCode(200).putHeader("X-Amz-Function-Error", "Unhandled")
            .putHeader("Content-Type", "application/json").end("{\"errorMessage\":\"boom\"}");
        return;
      }
      try {
        invocations.add(new Invocation(fn, type, WebhookReceiver.JSON.readTree(b.toString(StandardCharsets.UTF_8))));
      } catch (Exception e) {
        invocations.add(new Invocation(fn, type, null));
      }
      boolean event = "Event".equals(type);
      req.response().setStatusCode(event ? 202 : 200).putHeader("Content-Type", "application/json")
          .end(event ? "" : "null");
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    String endpoint = "http://127.0.0.1:" + lambda.actualPort();
    String config = """
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":500,
         "webhooks":{"retry":{"initial_delay_ms":100,"max_delay_ms":200}},
         "app_manager":{"driver":"memory","array":{"apps":[
           {"id":"app-id","key":"app-key","secret":"app-secret",
            "webhooks":[
              {"lambda_function":"fn-async","event_types":["channel_occupied"],
               "filter":{"channel_name_starts_with":"lambda-"},
               "lambda":{"async":true,"region":"eu-central-1","client_options":{"endpoint":"%1$s",
                 "credentials":{"accessKeyId":"AKIDLOCAL","secretAccessKey":"local-secret"}}}},
              {"lambda_function":"fn-sync","event_types":["channel_vacated"],
               "lambda":{"async":false,"region":"us-east-1","client_options":{"endpoint":"%1$s",
                 "credentials":{"accessKeyId":"AKIDLOCAL","secretAccessKey":"local-secret"}}}},
              {"lambda_function":"fn-fails","event_types":["channel_occupied"],
               "filter":{"channel_name_starts_with":"fail-"},
               "lambda":{"async":false,"region":"us-east-1","client_options":{"endpoint":"%1$s",
                 "credentials":{"accessKeyId":"AKIDLOCAL","secretAccessKey":"local-secret"}}}}]}]}}}
        """.formatted(endpoint);
    server = TestServer.start(config, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static Invocation next() throws InterruptedException {
    Invocation i = invocations.poll(20, TimeUnit.SECONDS);
    assertTrue(i != null, "Lambda was not invoked");
    return i;
  }

  private static void assertSigned(Invocation i) throws Exception {
    String payload = WebhookReceiver.JSON.writeValueAsString(i.body().path("payload"));
    JsonNode headers = i.body().path("headers");
    var validator = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
    assertEquals(Validity.VALID, validator.validateWebhookSignature(headers.path("X-Pusher-Key").asText(),
        headers.path("X-Pusher-Signature").asText(), payload));
  }

  @Test
  void asyncAndSyncFunctionsAreInvokedWithTheirInvocationTypeAndASignedPayload() throws Exception {
    Pusher p = new Clients(server.port()).connect("u");
    Clients.subscribe(p, "lambda-room");
    Invocation async = next();
    assertEquals("fn-async", async.function());
    assertEquals("Event", async.invocationType());
    assertEquals("channel_occupied", async.body().path("payload").path("events").path(0).path("name").asText());
    assertSigned(async);

    p.unsubscribe("lambda-room");
    Invocation sync = next(); // the first attempt got a 500 and was retried
    assertEquals("fn-sync", sync.function());
    assertEquals("RequestResponse", sync.invocationType());
    assertEquals("channel_vacated", sync.body().path("payload").path("events").path(0).path("name").asText());
    assertSigned(sync);
    assertEquals(2, syncCalls.get());
    p.disconnect();
  }

  @Test
  void aFunctionThatThrowsIsNotInvokedAgain() throws Exception {
    Pusher p = new Clients(server.port()).connect("u");
    Clients.subscribe(p, "fail-room");
    long deadline = System.currentTimeMillis() + 20_000;
    while (failingCalls.get() == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, failingCalls.get(), "the failing function was not invoked");
    Thread.sleep(1_500); // retries would come every 100-200 ms
    assertEquals(1, failingCalls.get(), "a function error was retried");
    p.disconnect();
  }
}
