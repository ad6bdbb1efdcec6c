package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchboard.app.store.memory.MemoryAppStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The read-through cache: hits, negative entries, expiry, invalidation, and behaviour while the store fails. */
class CachingAppStoreTest extends AppStoreContract {
  private final MemoryAppStore memory = new MemoryAppStore(List.of());
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  private final AtomicBoolean hangs = new AtomicBoolean();
  /** Lookups a hanging store has not answered yet, in order. */
  private final List<Promise<Optional<App>>> pending = new CopyOnWriteArrayList<>();

  /**
   * The memory store behind two switches: one makes every lookup fail, the other makes it never complete
   * (a database that accepts the query and does not answer); counts the lookups that reach it.
   */
  private final AppStore backend = new AppStore() {
    @Override
    public Future<Optional<App>> findById(String id) {
      return ask(() -> memory.findById(id));
    }

    @Override
    public Future<Optional<App>> findByKey(String key) {
      return ask(() -> memory.findByKey(key));
    }

    private Future<Optional<App>> ask(Supplier<Future<Optional<App>>> answer) {
      lookups.incrementAndGet();
      if (hangs.get()) {
        Promise<Optional<App>> p = Promise.promise();
        pending.add(p);
        return p.future();
      }
      return down.get() ? Future.failedFuture(new StoreUnavailableException("db down", null)) : answer.get();
    }
  };

  private final CachingAppStore cache = new CachingAppStore(backend, memory, Duration.ofSeconds(300),
      Duration.ofSeconds(10), ticker);

  @Override
  protected AppStore store() {
    return cache;
  }

  @Override
  protected AppAdmin admin() {
    return cache;
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private String createApp(String id, String key) {
    await(cache.create(json("{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"secret\":\"s\"}")));
    return key;
  }

  @Test
  void repeatedLookupsHitTheDatabaseOnceAndAnIdLookupAlsoAnswersTheKey() {
    createApp("a", "ka");
    for (int i = 0; i < 5; i++) {
      assertTrue(await(cache.findById("a")).isPresent());
    }
    assertTrue(await(cache.findByKey("ka")).isPresent());
    assertEquals(1, lookups.get());
  }

  @Test
  void unknownKeysAreCachedBrieflySoAFloodReachesTheDatabaseOncePerPeriod() {
    for (int i = 0; i < 100; i++) {
      assertEquals(Optional.empty(), await(cache.findByKey("bad")));
    }
    assertEquals(1, lookups.get());
    advance(Duration.ofSeconds(11));
    await(cache.findByKey("bad"));
    assertEquals(2, lookups.get());
  }

  @Test
  void foundAppsExpireAfterTheTtl() {
    createApp("a", "ka");
    await(cache.findByKey("ka"));
    advance(Duration.ofSeconds(299));
    await(cache.findByKey("ka"));
    assertEquals(1, lookups.get());
    advance(Duration.ofSeconds(2));
    await(cache.findByKey("ka"));
    assertEquals(2, lookups.get());
  }

  @Test
  void updateAndDeleteThroughTheCacheInvalidateAtOnce() {
    createApp("a", "ka");
    assertTrue(await(cache.findByKey("ka")).orElseThrow().enabled());
    await(cache.update("a", json("{\"enabled\":false,\"key\":\"kb\"}")));
    assertEquals(Optional.empty(), await(cache.findByKey("ka")));
    assertFalse(await(cache.findByKey("kb")).orElseThrow().enabled());
    await(cache.delete("a"));
    assertEquals(Optional.empty(), await(cache.findById("a")));
  }

  @Test
  void anAppCreatedAfterANegativeLookupIsSeenAtOnce() {
    assertEquals(Optional.empty(), await(cache.findByKey("later")));
    createApp("l", "later");
    assertTrue(await(cache.findByKey("later")).isPresent());
  }

  @Test
  void aFailedLookupIsNeverCachedAsAbsent() {
    createApp("a", "ka");
    down.set(true);
    assertThrows(AppException.class, () -> await(cache.findByKey("ka")));
    down.set(false);
    advance(Duration.ofSeconds(1)); // the circuit's first pause
    assertTrue(await(cache.findByKey("ka")).isPresent());
  }

  @Test
  void appsSeenBeforeKeepWorkingWhileTheDatabaseIsDownAfterTheirEntryExpired() {
    createApp("a", "ka");
    await(cache.findByKey("ka"));
    down.set(true);
    advance(Duration.ofSeconds(301));
    assertEquals("a", await(cache.findByKey("ka")).orElseThrow().id());
    assertEquals("a", await(cache.findById("a")).orElseThrow().id());
    assertThrows(AppException.class, () -> await(cache.findByKey("never-seen")));
  }

  @Test
  void appsDeletedOrReKeyedElsewhereAreNotServedDuringALaterOutage() {
    createApp("a", "ka");
    createApp("b", "kb");
    createApp("c", "kc");
    await(cache.findByKey("ka"));
    await(cache.findById("b"));
    await(cache.findByKey("kc"));
    // changed by another process, not through this cache
    await(memory.delete("a"));
    await(memory.update("b", json("{\"key\":\"kb2\"}")));
    await(memory.delete("c"));
    advance(Duration.ofSeconds(301));
    assertEquals(Optional.empty(), await(cache.findByKey("ka")));
    assertEquals("kb2", await(cache.findById("b")).orElseThrow().key());
    assertEquals(Optional.empty(), await(cache.findById("c")));
    down.set(true);
    advance(Duration.ofSeconds(301));
    assertThrows(AppException.class, () -> await(cache.findByKey("ka")), "a deleted app is not served by key");
    assertThrows(AppException.class, () -> await(cache.findById("a")), "nor by id");
    assertThrows(AppException.class, () -> await(cache.findByKey("kb")), "an old key is not served");
    assertEquals("b", await(cache.findByKey("kb2")).orElseThrow().id(), "the new key is");
    assertThrows(AppException.class, () -> await(cache.findByKey("kc")), "deleted, seen by id: not by key either");
  }

  /** The first lookup still waiting on the hanging store fails the way the store's own timeout fails it. */
  private void timeOutOldest() {
    pending.remove(0).fail(new StoreUnavailableException("app store db: no answer within 5000 ms", null));
  }

  @Test
  void pastTheTtlTheLastKnownAppIsServedAtOnceWhileOneQueryRefreshesIt() {
    createApp("a", "ka");
    await(cache.findByKey("ka"));
    await(memory.update("a", json("{\"enabled\":false}"))); // changed by another process
    hangs.set(true);
    advance(Duration.ofSeconds(301));
    for (int i = 0; i < 20; i++) {
      Future<Optional<App>> f = cache.findByKey("ka");
      assertTrue(f.succeeded(), "answered without waiting for the database");
      assertTrue(f.result().orElseThrow().enabled(), "the last known copy until the refresh answers");
    }
    assertEquals(2, lookups.get(), "one refresh in flight, not one per lookup");
    pending.remove(0).complete(await(memory.findByKey("ka")));
    assertFalse(await(cache.findByKey("ka")).orElseThrow().enabled(), "the refresh's answer is used");
    assertEquals(2, lookups.get());
  }

  @Test
  void concurrentLookupsOfOneUnknownKeyShareOneQuery() {
    hangs.set(true);
    List<Future<Optional<App>>> waiting = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      waiting.add(cache.findByKey("new"));
    }
    assertEquals(1, lookups.get());
    assertFalse(waiting.get(49).isComplete(), "a healthy store is waited for");
    createApp("n", "new");
    pending.remove(0).complete(await(memory.findByKey("new")));
    waiting.forEach(f -> assertEquals("n", f.result().orElseThrow().id()));
  }

  @Test
  void afterAStoreTimedOutUnknownKeysFailAtOnceAndItIsProbedOnceAtATimeWithGrowingPauses() {
    createApp("a", "ka");
    await(cache.findByKey("ka"));
    hangs.set(true);
    advance(Duration.ofSeconds(301));
    assertTrue(cache.findByKey("ka").succeeded(), "served at once; refreshed in the background");
    Future<Optional<App>> first = cache.findByKey("u0");
    assertFalse(first.isComplete(), "the store has not failed yet: it is waited for");
    assertEquals(3, lookups.get(), "ka's refresh and u0");
    timeOutOldest();
    timeOutOldest();
    assertTrue(first.failed());
    for (int i = 1; i <= 100; i++) {
      Future<Optional<App>> f = cache.findByKey("u" + i);
      assertTrue(f.failed() && f.cause() instanceof StoreUnavailableException, "refused at once");
    }
    assertEquals("a", cache.findByKey("ka").result().orElseThrow().id(), "a known app is served at once");
    assertEquals(3, lookups.get(), "the failing store was not asked again during the pause");
    advance(Duration.ofSeconds(1));
    assertTrue(cache.findByKey("probe").failed(), "the probe's caller does not wait for it either");
    assertTrue(cache.findByKey("other").failed());
    assertEquals(4, lookups.get(), "one probe at a time");
    timeOutOldest();
    advance(Duration.ofSeconds(1));
    cache.findByKey("x");
    assertEquals(4, lookups.get(), "the pause doubled to 2 s after a failed probe");
    advance(Duration.ofSeconds(1));
    cache.findByKey("x");
    assertEquals(5, lookups.get());
    hangs.set(false);
    createApp("b", "kb");
    pending.remove(0).complete(Optional.empty()); // the probe answers: the store is back
    assertEquals("b", await(cache.findByKey("kb")).orElseThrow().id(), "healthy again: asked and waited for");
    assertEquals(6, lookups.get());
  }
}
