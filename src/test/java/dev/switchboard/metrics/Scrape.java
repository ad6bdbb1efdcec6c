package dev.switchboard.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** One scrape of a metrics endpoint: the text, and each series line's value by its name and labels. */
public final class Scrape {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public final String text;
  private final Map<String, Double> values = new HashMap<>();

  Scrape(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (!line.startsWith("#") && space > 0) {
        values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
  }

  public static Scrape of(int port) {
    return new Scrape(get(port, "/metrics"));
  }

  public static String get(int port, String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Scrapes until {@code condition} holds (metrics follow socket closes asynchronously), at most 10 s. */
  public static Scrape await(int port, Predicate<Scrape> condition) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      Scrape s = of(port);
      if (condition.test(s)) {
        return s;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 10 s; last scrape:\n" + s.text);
      }
      try {
        Thread.sleep(20); // polling an endpoint: there is no event to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The value of {@code series} ({@code name{labels}}); 0 when absent, as for an app not seen yet. */
  public double value(String series) {
    return values.getOrDefault(series, 0.0);
  }

  /** How much {@code series} grew since {@code before} (absent counts as 0). */
  public double delta(Scrape before, String series) {
    double was = before.values.getOrDefault(series, 0.0);
    return values.getOrDefault(series, 0.0) - was;
  }
}
