package dev.switchboard.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** New apps' ids, keys and secrets where the user gave none: Pusher-style random hex strings. */
public final class AppSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AppSecrets() {}

  /** Fills in a random id, key and secret that {@code given} lacks ({@code positionalId} first for the id). */
  public static ObjectNode fillIn(ObjectNode given, String positionalId) {
    if (positionalId != null && !given.hasNonNull("id")) {
      given.put("id", positionalId);
    }
    if (!given.hasNonNull("id")) {
      given.put("id", Integer.toString(100_000 + RANDOM.nextInt(900_000)));
    }
    for (String f : List.of("key", "secret")) {
      if (!given.hasNonNull(f)) {
        given.put(f, random());
      }
    }
    return given;
  }

  /** 20 random hex characters, as a new key or secret. */
  public static String random() {
    byte[] b = new byte[10];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Whether {@code driver} (app_manager.driver) keeps apps outside this process, so that managing them means
   * something: the memory store lives in one process and is edited in the config file instead.
   */
  public static boolean writableDriver(String driver) {
    return !driver.equals("memory") && !driver.equals("array");
  }
}
