package dev.switchboard.webhook;

import dev.switchboard.app.App;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each app's webhook targets, parsed once per app version and shared by the emitter (every event) and the
 * delivery (every attempt). A definition that does not parse is kept as its error: the emitter ignores it with
 * one warning, the delivery dead-letters the job with it. Thread-safe.
 */
final class AppTargets {
  private static final Logger LOG = LoggerFactory.getLogger(AppTargets.class);
  private final ConcurrentHashMap<String, Parsed> parsed = new ConcurrentHashMap<>();

  /** One app version's targets, or why its definition is invalid; {@code warned} once it has been logged. */
  private record Parsed(App app, List<WebhookTarget> targets, WebhookException error, AtomicBoolean warned) {}

  /** The app's targets; throws the definition's {@link WebhookException} when it is invalid. */
  List<WebhookTarget> strict(App app) {
    Parsed p = parsed(app);
    if (p.error != null) {
      throw p.error;
    }
    return p.targets;
  }

  /** The app's targets; none when the definition is invalid, which is logged once per app version. */
  List<WebhookTarget> lenient(App app) {
    Parsed p = parsed(app);
    if (p.error != null) {
      if (p.warned.compareAndSet(false, true)) {
        LOG.atWarn().addKeyValue("app_id", app.id()).log("webhooks ignored: {}", p.error.getMessage());
      }
      return List.of();
    }
    return p.targets;
  }

  private Parsed parsed(App app) {
    Parsed p = parsed.get(app.id());
    // an equal definition too: a store may hand the delivery a new App object for the same version
    if (p != null && (p.app == app || Objects.equals(p.app.webhooks(), app.webhooks()))) {
      return p;
    }
    try {
      p = new Parsed(app, WebhookTargets.parse(app.webhooks()), null, null);
    } catch (WebhookException e) {
      p = new Parsed(app, List.of(), e, new AtomicBoolean());
    }
    parsed.put(app.id(), p);
    return p;
  }
}
