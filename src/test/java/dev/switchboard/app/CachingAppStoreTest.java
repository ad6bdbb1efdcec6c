package dev.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchboard.app.store.memory.MemoryAppStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The read-through cache: hits, negative entries, expiry, invalidation, and behaviour while the store fails. */
class CachingAppStoreTest extends AppStoreContract {
  private final MemoryAppStore memory = new MemoryAppStore(List.of());
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  /** The memory store behind a switch that makes every lookup fail, counting the lookups that reach it. */
  private final AppStore backend = new AppStore() {
    @Override
    public Future<Optional<App>> findById(String id) {
      lookups.incrementAndGet();
      return down.get() ? Future.failedFuture(new AppException("db down")) : memory.findById(id);
    }

    @Override
    public Future<Optional<App>> findByKey(String key) {
      lookups.incrementAndGet();
      return down.get() ? Future.failedFuture(new AppException("db down")) : memory.findByKey(key);
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
}
