package dev.switchboard.console;

/** Who is calling: the admin (every app) or one app's owner ({@code appId}). */
record ConsoleUser(boolean admin, String appId) {
  static final ConsoleUser ADMIN = new ConsoleUser(true, null);

  static ConsoleUser of(String appId) {
    return new ConsoleUser(false, appId);
  }

  /** Whether this user may see and act on app {@code id}. */
  boolean mayUse(String id) {
    return admin || appId.equals(id);
  }
}
