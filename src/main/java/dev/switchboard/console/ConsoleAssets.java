package dev.switchboard.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page's files, read once from the jar ({@code resources/console/}) and served with headers that keep it
 * self-contained: a content security policy that allows only this origin (no CDN, no inline script), no
 * caching, no referrer, and no framing.
 */
final class ConsoleAssets {
  private static final Map<String, String> TYPES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "console.js", "text/javascript; charset=utf-8",
      "console.css", "text/css; charset=utf-8");
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
      + "img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
  private final Map<String, Buffer> files;

  ConsoleAssets() {
    this.files = Map.of("index.html", load("index.html"), "console.js", load("console.js"),
        "console.css", load("console.css"));
  }

  private static Buffer load(String name) {
    try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException("console/" + name + " is missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves file {@code name}; false when there is no such file. */
  boolean serve(String name, HttpServerResponse res) {
    Buffer body = files.get(name);
    if (body == null) {
      return false;
    }
    secure(res).putHeader("Content-Type", TYPES.get(name)).end(body);
    return true;
  }

  /** The headers every console answer carries. */
  static HttpServerResponse secure(HttpServerResponse res) {
    return res.putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer").putHeader("X-Frame-Options", "DENY")
        .putHeader("Cache-Control", "no-store");
  }
}
