import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Pusher client and server SDK in one file, with the JDK only (run by the JDK's source launcher, so the test needs
 * no npm or build step): connects a WebSocket, waits for pusher:connection_established, subscribes, publishes
 * through the signed HTTP API and waits for the event on the socket. With --hold N it keeps the socket open N
 * seconds afterwards (bench/results' RSS "after one client").
 *   java PusherSmoke.java PORT [--hold N]        (app app-id / app-key / app-secret, the embedded defaults)
 */
public final class PusherSmoke {
  private static final String APP_ID = "app-id";
  private static final String KEY = "app-key";
  private static final String SECRET = "app-secret";

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long hold = args.length > 2 && args[1].equals("--hold") ? Long.parseLong(args[2]) : 0;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = http.newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/app/" + KEY + "?protocol=7&client=smoke&version=1"),
            new Collect(frames))
        .get(10, TimeUnit.SECONDS);
    String established = await(frames, "pusher:connection_established");
    System.out.println("smoke: " + established);
    String channel = "runtime-smoke-" + ProcessHandle.current().pid();
    ws.sendText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}", true).join();
    await(frames, "pusher_internal:subscription_succeeded");

    String body = "{\"name\":\"smoke\",\"channels\":[\"" + channel + "\"],\"data\":\"{\\\"hello\\\":1}\"}";
    String path = "/apps/" + APP_ID + "/events";
    String query = "auth_key=" + KEY + "&auth_timestamp=" + System.currentTimeMillis() / 1000
        + "&auth_version=1.0&body_md5=" + hex(MessageDigest.getInstance("MD5").digest(bytes(body)));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(bytes(SECRET), "HmacSHA256"));
    String signature = hex(mac.doFinal(bytes("POST\n" + path + "\n" + query)));
    HttpResponse<String> published = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?" + query + "&auth_signature="
                + signature))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (published.statusCode() != 200) {
      fail("signed POST " + path + " answered " + published.statusCode() + " " + published.body());
    }
    System.out.println("smoke: signed POST " + path + " -> 200 " + published.body());
    System.out.println("smoke: received " + await(frames, "\"smoke\""));
    if (hold > 0) {
      System.out.println("smoke: holding the socket " + hold + " s");
      Thread.sleep(hold * 1000);
    }
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
  }

  /** The next frame that contains {@code needle}, within 10 s; frames before it are skipped. */
  private static String await(LinkedBlockingQueue<String> frames, String needle) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      String f = frames.poll(left, TimeUnit.NANOSECONDS);
      if (f != null && f.contains(needle)) {
        return f;
      }
    }
    fail("no frame with " + needle + " within 10 s");
    return null;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static void fail(String why) {
    System.err.println("smoke: FAIL: " + why);
    System.exit(1);
  }

  /** Queues every text frame whole (the JDK may hand one over in parts). */
  private record Collect(LinkedBlockingQueue<String> frames, StringBuilder part) implements WebSocket.Listener {
    Collect(LinkedBlockingQueue<String> frames) {
      this(frames, new StringBuilder());
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        frames.add(part.toString());
        part.setLength(0);
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }
  }
}
