package dev.switchboard.http;

import dev.switchboard.pusher.PusherSignatures;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Pusher-signed HTTP API requests built by hand, for what the SDKs cannot send: a path prefix, a malformed
 * or oversized body.
 */
final class SignedApi {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final int port;
  private final String key;
  private final String secret;

  SignedApi(int port, String key, String secret) {
    this.port = port;
    this.key = key;
    this.secret = secret;
  }

  /** POSTs {@code body} to {@code path} (prefix included), signed with the app's key and secret. */
  HttpResponse<String> post(String path, byte[] body) throws Exception {
    MultiMap p = MultiMap.caseInsensitiveMultiMap().add("auth_key", key)
        .add("auth_timestamp", Long.toString(System.currentTimeMillis() / 1000)).add("auth_version", "1.0")
        .add("body_md5", ApiAuth.md5Hex(body));
    String query = ApiAuth.sortedQuery(p);
    String sig = PusherSignatures.hmacHex(secret, "POST\n" + path + "\n" + query);
    URI uri = URI.create("http://127.0.0.1:" + port + path + "?" + query + "&auth_signature=" + sig);
    return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** An unsigned request, for health paths and CORS preflights. */
  HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
