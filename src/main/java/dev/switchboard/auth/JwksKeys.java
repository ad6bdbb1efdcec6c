package dev.switchboard.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys published at a key URL (see {@link JwksDocument} for the two forms), fetched with the
 * non-blocking Vert.x HTTP client and cached. How long: the key server's {@code Cache-Control: max-age},
 * bounded to at least {@link #MIN_REFETCH_NANOS 10 s} and at most the configured TTL ({@code no-cache},
 * {@code no-store} and {@code max-age=0} count as 10 s); without a max-age, the configured TTL. The TTL is
 * the upper bound so that an operator can rely on a revoked key leaving the cache within it, whatever the
 * key server says. One fetch at a time: concurrent lookups share it. A token naming a key id the cache does
 * not know triggers one early refetch (key rotation), at most every 10 s. When a refetch fails the previous
 * keys stay in use for another TTL, so a flapping key server does not lock everyone out.
 */
final class JwksKeys {
  private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);
  static final long MIN_REFETCH_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final long TIMEOUT_MS = 5_000;
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})");

  private record Snapshot(JWKSet keys, long fetchedNanos, long ttlNanos) {}

  private record Fetched(JWKSet keys, long ttlNanos) {}

  private final HttpClient http;
  private final String url;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private volatile Snapshot current;
  /** When the last fetch failed with no keys to fall back on; lookups fail fast for a while after. */
  private volatile long failedNanos;
  private volatile boolean failed;
  private final AtomicReference<Future<Snapshot>> inFlight = new AtomicReference<>();

  JwksKeys(HttpClient http, String url, int ttlSec, LongSupplier nanoClock) {
    this.http = http;
    this.url = url;
    this.ttlNanos = TimeUnit.SECONDS.toNanos(ttlSec);
    this.nanoClock = nanoClock;
  }

  /**
   * The keys that may have signed a token with {@code alg} and {@code kid} (null when the token names
   * none). Completes at once from the cache, else on a Vert.x context; fails with an
   * {@link AuthException.Kind#UNAVAILABLE} exception when no keys could ever be fetched.
   */
  Future<List<JWK>> candidates(String kid, JWSAlgorithm alg) {
    Snapshot s = current;
    long now = nanoClock.getAsLong();
    if (s == null && failed && now - failedNanos < MIN_REFETCH_NANOS) {
      // the key server is down: a reconnect storm must not turn into a fetch storm
      return Future.failedFuture(unavailable());
    }
    if (s == null || now - s.fetchedNanos > s.ttlNanos) {
      return refresh().map(fresh -> match(fresh.keys, kid, alg));
    }
    List<JWK> found = match(s.keys, kid, alg);
    if (found.isEmpty() && kid != null && now - s.fetchedNanos > MIN_REFETCH_NANOS) {
      return refresh().map(fresh -> match(fresh.keys, kid, alg));
    }
    return Future.succeededFuture(found);
  }

  /** Starts a fetch now, e.g. at start-up so the first client does not wait. */
  Future<Void> prefetch() {
    return refresh().mapEmpty();
  }

  private Future<Snapshot> refresh() {
    Promise<Snapshot> p = Promise.promise();
    Future<Snapshot> running = inFlight.compareAndExchange(null, p.future());
    if (running != null) {
      return running;
    }
    fetch().onComplete(ar -> {
      Snapshot prev = current;
      long now = nanoClock.getAsLong();
      if (ar.succeeded()) {
        current = new Snapshot(ar.result().keys, now, ar.result().ttlNanos);
      } else {
        LOG.warn("cannot fetch JWKS from {}: {}", url, ar.cause().getMessage());
        if (prev != null) {
          // keep the old keys, and do not retry on every client: treat them as fetched now
          current = new Snapshot(prev.keys, now, prev.ttlNanos);
        }
      }
      inFlight.set(null);
      Snapshot fresh = current;
      if (fresh != null) {
        failed = false;
        p.complete(fresh);
      } else {
        failedNanos = now;
        failed = true;
        p.fail(unavailable());
      }
    });
    return p.future();
  }

  private static AuthException unavailable() {
    return new AuthException(AuthException.Kind.UNAVAILABLE, "signing keys are unavailable, try again later");
  }

  private Future<Fetched> fetch() {
    RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
        .setConnectTimeout(TIMEOUT_MS).setIdleTimeout(TIMEOUT_MS).putHeader("Accept", "application/json");
    // the body is asked for in the same callback that receives the response, on the request's context: a
    // callback chained outside may run a tick later, after the body has gone by
    return http.request(req).compose(r -> r.send().compose(resp -> {
      if (resp.statusCode() != 200) {
        return resp.body().transform(ignored -> Future.failedFuture("HTTP " + resp.statusCode()));
      }
      String len = resp.getHeader("Content-Length");
      if (len != null && (!len.trim().matches("\\d{1,9}") || Integer.parseInt(len.trim()) > MAX_BODY_BYTES)) {
        r.reset();
        return Future.failedFuture("JWKS larger than " + MAX_BODY_BYTES + " bytes");
      }
      long ttl = ttlNanos(resp.getHeader("Cache-Control"));
      return resp.body().map(body -> new Fetched(parse(body.toString()), ttl));
    }));
  }

  private static JWKSet parse(String body) {
    try {
      return JwksDocument.parse(body);
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("not a JWKS document: " + e.getMessage());
    }
  }

  /** How long a document with this {@code Cache-Control} header is used; see the class comment. */
  long ttlNanos(String cacheControl) {
    if (cacheControl == null) {
      return ttlNanos;
    }
    String cc = cacheControl.toLowerCase(Locale.ROOT);
    long min = Math.min(MIN_REFETCH_NANOS, ttlNanos);
    if (cc.contains("no-cache") || cc.contains("no-store")) {
      return min;
    }
    Matcher m = MAX_AGE.matcher(cc);
    if (!m.find()) {
      return ttlNanos;
    }
    long maxAge = TimeUnit.SECONDS.toNanos(Math.min(Long.parseLong(m.group(1)), 86_400L * 365));
    return Math.max(min, Math.min(ttlNanos, maxAge));
  }

  private static List<JWK> match(JWKSet set, String kid, JWSAlgorithm alg) {
    KeyType kty = KeyType.forAlgorithm(alg);
    List<JWK> out = new ArrayList<>();
    for (JWK k : set.getKeys()) {
      boolean ok = k.getKeyType().equals(kty)
          && (kid == null || kid.equals(k.getKeyID()))
          && (k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
          && (k.getAlgorithm() == null || k.getAlgorithm().equals(alg));
      if (ok) {
        out.add(k);
      }
    }
    return out;
  }
}
