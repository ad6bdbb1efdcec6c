package dev.switchboard.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-through cache in front of a database store, keyed by id and by key. A found app is kept for
 * {@code ttl}; an unknown id or key is kept as absent for the shorter {@code negativeTtl}, so a flood of bad
 * keys reaches the database once per key and period. Concurrent lookups of one key share one query. A failed
 * lookup is never cached.
 *
 * <p>Past {@code ttl}, the last app seen under that id or key is served at once while one query refreshes it in
 * the background (stale-while-revalidate), and also when that query fails (stale-if-error): apps in use keep
 * working, without delay, through a database that is down or hangs. After a failure a {@link StoreCircuit}
 * keeps the store from being asked for a growing pause; meanwhile a lookup with no last-known copy fails at
 * once with the store's error instead of queueing another query. Changes made through this object's
 * {@link AppAdmin} methods invalidate the entries at once; changes made elsewhere (another process) show after
 * at most {@code ttl} and one more lookup.
 */
public final class CachingAppStore implements AppStore, AppAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(CachingAppStore.class);
  private static final long MAX_ENTRIES = 100_000;
  private final AppStore store;
  private final AppAdmin admin;
  private final AsyncCache<String, Optional<App>> byId;
  private final AsyncCache<String, Optional<App>> byKey;
  private final Cache<String, App> lastById;
  private final Cache<String, App> lastByKey;
  private final java.util.concurrent.ConcurrentHashMap<String, Future<Optional<App>>> inflight =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final StoreCircuit circuit;

  public CachingAppStore(AppStore store, AppAdmin admin, Duration ttl, Duration negativeTtl) {
    this(store, admin, ttl, negativeTtl, Ticker.systemTicker());
  }

  /** With an explicit clock, for tests. */
  public CachingAppStore(AppStore store, AppAdmin admin, Duration ttl, Duration negativeTtl, Ticker ticker) {
    this.store = store;
    this.admin = admin;
    this.byId = cache(ttl, negativeTtl, ticker);
    this.byKey = cache(ttl, negativeTtl, ticker);
    this.lastById = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).executor(Runnable::run).build();
    this.lastByKey = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).executor(Runnable::run).build();
    this.circuit = new StoreCircuit(ticker);
  }

  private static AsyncCache<String, Optional<App>> cache(Duration ttl, Duration negativeTtl, Ticker ticker) {
    long found = ttl.toNanos();
    long absent = Math.min(found, negativeTtl.toNanos());
    return Caffeine.newBuilder()
        .maximumSize(MAX_ENTRIES)
        .ticker(ticker)
        .executor(Runnable::run) // maintenance is tiny; never hop to the common pool
        .expireAfter(new Expiry<String, Optional<App>>() {
          @Override
          public long expireAfterCreate(String k, Optional<App> v, long now) {
            return v.isPresent() ? found : absent;
          }

          @Override
          public long expireAfterUpdate(String k, Optional<App> v, long now, long current) {
            return expireAfterCreate(k, v, now);
          }

          @Override
          public long expireAfterRead(String k, Optional<App> v, long now, long current) {
            return current;
          }
        })
        .buildAsync();
  }

  @Override
  public Future<Optional<App>> findById(String id) {
    return lookup(id, byId, lastById, byKey, App::key, store::findById);
  }

  @Override
  public Future<Optional<App>> findByKey(String key) {
    return lookup(key, byKey, lastByKey, byId, App::id, store::findByKey);
  }

  /**
   * Looks {@code k} up in {@code cache}, loading it on a miss. A loaded app is also put in the {@code other}
   * cache under its other name, so a lookup by id answers later lookups by key and the reverse.
   */
  private Future<Optional<App>> lookup(String k, AsyncCache<String, Optional<App>> cache, Cache<String, App> last,
      AsyncCache<String, Optional<App>> other, Function<App, String> otherName,
      Function<String, Future<Optional<App>>> load) {
    CompletableFuture<Optional<App>> hit = cache.getIfPresent(k);
    if (hit != null && hit.isDone()) {
      return Future.succeededFuture(hit.join());
    }
    // one query per name at a time; only answers are cached, failures are not (and so not logged by the cache)
    String name = (cache == byId ? "i:" : "k:") + k;
    Future<Optional<App>> f = inflight.get(name);
    if (f == null) {
      Promise<Optional<App>> p = Promise.promise();
      f = inflight.putIfAbsent(name, p.future());
      if (f == null) {
        f = p.future();
        load(k, name, p, cache, other, otherName, load);
      }
    }
    App stale = last.getIfPresent(k);
    if (!f.isComplete() && (stale != null || circuit.open())) {
      // nobody waits on a refresh that has a last-known answer, nor on a store that is failing
      return stale != null ? Future.succeededFuture(Optional.of(stale)) : Future.failedFuture(circuit.error());
    }
    return f.recover(err -> {
      App known = last.getIfPresent(k);
      if (known == null) {
        return Future.failedFuture(err);
      }
      LOG.atDebug().addKeyValue("app_id", known.id()).log("app store failed ({}); serving the last known app",
          err.getMessage());
      return Future.succeededFuture(Optional.of(known));
    });
  }

  /** Asks the store for {@code k} into {@code p}, unless the circuit says the failing store must not be asked. */
  private void load(String k, String name, Promise<Optional<App>> p, AsyncCache<String, Optional<App>> cache,
      AsyncCache<String, Optional<App>> other, Function<App, String> otherName,
      Function<String, Future<Optional<App>>> load) {
    StoreCircuit.Pass pass = circuit.admit();
    if (pass == StoreCircuit.Pass.REFUSE) {
      inflight.remove(name, p.future());
      p.fail(circuit.error());
      return;
    }
    Future<Optional<App>> asked;
    try {
      asked = load.apply(k);
    } catch (RuntimeException e) {
      asked = Future.failedFuture(e);
    }
    asked.onComplete(ar -> {
      inflight.remove(name, p.future());
      if (ar.succeeded()) {
        circuit.answered();
        remember(k, ar.result(), cache, other, otherName);
        p.complete(ar.result());
      } else {
        if (ar.cause() instanceof StoreUnavailableException e) {
          circuit.failed(pass, e);
        } else {
          circuit.answered(); // a bad row: the store answered
        }
        p.fail(ar.cause());
      }
    });
  }

  private void remember(String k, Optional<App> found, AsyncCache<String, Optional<App>> cache,
      AsyncCache<String, Optional<App>> other, Function<App, String> otherName) {
    cache.put(k, CompletableFuture.completedFuture(found));
    if (found.isEmpty()) { // deleted or re-keyed elsewhere: never serve it from the stale copies in an outage
      if (cache == byId) {
        forgetLast(lastById.asMap().remove(k));
      } else {
        forgetLast(lastByKey.asMap().remove(k));
      }
      return;
    }
    App app = found.get();
    other.put(otherName.apply(app), CompletableFuture.completedFuture(found));
    App before = lastById.asMap().put(app.id(), app);
    if (before != null && !before.key().equals(app.key())) {
      dropIfSame(lastByKey, before.key(), before); // its old key no longer names it
    }
    App keyBefore = lastByKey.asMap().put(app.key(), app);
    if (keyBefore != null && !keyBefore.id().equals(app.id())) {
      dropIfSame(lastById, keyBefore.id(), keyBefore); // the key moved to another app
    }
  }

  /** Drops the last-known copies of {@code gone} (null: nothing) under both its id and its key. */
  private void forgetLast(App gone) {
    if (gone != null) {
      dropIfSame(lastById, gone.id(), gone);
      dropIfSame(lastByKey, gone.key(), gone);
    }
  }

  /** Removes {@code name} from {@code last} if it still names the same app id with the same key as {@code a}. */
  private static void dropIfSame(Cache<String, App> last, String name, App a) {
    last.asMap().computeIfPresent(name, (n, cur) -> cur.id().equals(a.id()) && cur.key().equals(a.key()) ? null : cur);
  }

  /** Drops everything cached about app {@code id} and about {@code keys} (old and new key). */
  public void invalidate(String id, String... keys) {
    byId.synchronous().invalidate(id);
    lastById.invalidate(id);
    byKey.asMap().entrySet().removeIf(e -> {
      CompletableFuture<Optional<App>> v = e.getValue();
      return v.isDone() && !v.isCompletedExceptionally() && v.join().map(a -> a.id().equals(id)).orElse(false);
    });
    lastByKey.asMap().values().removeIf(a -> a.id().equals(id));
    for (String k : keys) {
      if (k != null) {
        byKey.synchronous().invalidate(k);
        lastByKey.invalidate(k);
      }
    }
  }

  @Override
  public Future<List<ObjectNode>> list() {
    return admin.list();
  }

  @Override
  public Future<Optional<ObjectNode>> get(String id) {
    return admin.get(id);
  }

  @Override
  public Future<ObjectNode> create(ObjectNode definition) {
    return admin.create(definition).andThen(ar -> invalidate(definition.path("id").asText(),
        definition.path("key").asText(null)));
  }

  @Override
  public Future<ObjectNode> update(String id, ObjectNode changes) {
    return admin.update(id, changes).andThen(ar -> invalidate(id,
        ar.succeeded() ? ar.result().path("key").asText(null) : null));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return admin.delete(id).andThen(ar -> invalidate(id));
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }
}
