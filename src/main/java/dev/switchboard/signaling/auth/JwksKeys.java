package dev.switchboard.signaling.auth;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys published at a JWKS URL, fetched with the non-blocking Vert.x HTTP client and cached
 * for a TTL. One fetch at a time: concurrent lookups share it. A token naming a key id the cache does not
 * know triggers one early refetch (key rotation), at most every {@link #MIN_REFETCH_NANOS}. When a refetch
 * fails the previous keys stay in use, so a flapping key server does not lock everyone out.
 */
public final class JwksKeys {
  private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);
  private static final long MIN_REFETCH_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final long TIMEOUT_MS = 5_000;

  private record Snapshot(JWKSet keys, long fetchedNanos) {}

  private final HttpClient http;
  private final String url;
  private final long ttlNanos;
  private volatile Snapshot current;
  /** When the last fetch failed with no keys to fall back on; lookups fail fast for a while after. */
  private volatile long failedNanos;
  private final AtomicReference<Future<Snapshot>> inFlight = new AtomicReference<>();

  public JwksKeys(HttpClient http, String url, int ttlSec) {
    this.http = http;
    this.url = url;
    this.ttlNanos = TimeUnit.SECONDS.toNanos(ttlSec);
  }

  /**
   * The keys that may have signed a token with {@code alg} and {@code kid} (null when the token names
   * none). Completes on a Vert.x context; fails with a transient {@link SignalingAuthException} when no
   * keys could ever be fetched.
   */
  public Future<List<JWK>> candidates(String kid, JWSAlgorithm alg) {
    Snapshot s = current;
    if (s == null && failedNanos != 0 && System.nanoTime() - failedNanos < MIN_REFETCH_NANOS) {
      // the key server is down: a reconnect storm must not turn into a fetch storm
      return Future.failedFuture(unavailable());
    }
    if (s == null || System.nanoTime() - s.fetchedNanos > ttlNanos) {
      return refresh().map(fresh -> match(fresh.keys, kid, alg));
    }
    List<JWK> found = match(s.keys, kid, alg);
    if (found.isEmpty() && kid != null && System.nanoTime() - s.fetchedNanos > MIN_REFETCH_NANOS) {
      return refresh().map(fresh -> match(fresh.keys, kid, alg));
    }
    return Future.succeededFuture(found);
  }

  /** Starts a fetch now, e.g. at start-up so the first socket does not wait. */
  public Future<Void> prefetch() {
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
      if (ar.succeeded()) {
        current = new Snapshot(ar.result(), System.nanoTime());
      } else {
        LOG.warn("cannot fetch JWKS from {}: {}", url, ar.cause().getMessage());
        if (prev != null) {
          // keep the old keys, and do not retry on every socket: treat them as fetched now
          current = new Snapshot(prev.keys, System.nanoTime());
        }
      }
      inFlight.set(null);
      Snapshot now = current;
      if (now != null) {
        p.complete(now);
      } else {
        failedNanos = System.nanoTime();
        p.fail(unavailable());
      }
    });
    return p.future();
  }

  private static SignalingAuthException unavailable() {
    return new SignalingAuthException("signing keys are unavailable, try again later", true);
  }

  private Future<JWKSet> fetch() {
    RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
        .setConnectTimeout(TIMEOUT_MS).setIdleTimeout(TIMEOUT_MS).putHeader("Accept", "application/json");
    return http.request(req)
        .compose(r -> r.send())
        .compose(resp -> {
          if (resp.statusCode() != 200) {
            return Future.failedFuture("HTTP " + resp.statusCode());
          }
          String len = resp.getHeader("Content-Length");
          if (len != null && (!len.trim().matches("\\d{1,9}") || Integer.parseInt(len.trim()) > MAX_BODY_BYTES)) {
            return Future.failedFuture("JWKS larger than " + MAX_BODY_BYTES + " bytes");
          }
          return resp.body();
        })
        .compose(body -> {
          try {
            return Future.succeededFuture(JWKSet.parse(body.toString()));
          } catch (java.text.ParseException e) {
            return Future.failedFuture("not a JWKS document: " + e.getMessage());
          }
        });
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
