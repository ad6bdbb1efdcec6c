package dev.switchboard.cluster;

import java.util.Collection;

/**
 * Which node owns a channel: rendezvous (highest random weight) hashing of app id + channel name over the
 * live nodes. Nodes that see the same live set pick the same owner without talking; when a node leaves, only
 * its channels move, each to one of the others.
 */
public final class ChannelOwners {
  private ChannelOwners() {}

  /** The owner among {@code nodes} (not empty). */
  public static String owner(Collection<String> nodes, String appId, String channel) {
    return owner(null, nodes, appId, channel);
  }

  /**
   * The owner among {@code self} (null for none) and {@code others}, so a caller can pass a live key set
   * as it is instead of copying it for every check.
   */
  public static String owner(String self, Collection<String> others, String appId, String channel) {
    String best = self;
    long bestScore = self == null ? 0 : score(self, appId, channel);
    for (String n : others) {
      long score = score(n, appId, channel);
      if (best == null || Long.compareUnsigned(score, bestScore) > 0
          || score == bestScore && n.compareTo(best) > 0) {
        best = n;
        bestScore = score;
      }
    }
    return best;
  }

  /** FNV-1a over the three strings, then MurmurHash3's finaliser so close inputs spread well. */
  static long score(String node, String appId, String channel) {
    long h = 0xcbf29ce484222325L;
    h = fnv(h, node);
    h = fnv((h ^ '\n') * 0x100000001b3L, appId);
    h = fnv((h ^ '\n') * 0x100000001b3L, channel);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }
}
