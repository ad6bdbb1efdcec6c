package dev.switchboard.core;

/**
 * Where an app's {@link AppMeters} come from: asked once, when the hub creates the app's runtime. The
 * metrics package implements it; {@link #NONE} counts nothing.
 */
@FunctionalInterface
public interface Meters {
  /** The counters of {@code app}; called once per app, inside the hub's runtime creation, so it must not block. */
  AppMeters forApp(AppRuntime app);

  Meters NONE = app -> AppMeters.NONE;
}
