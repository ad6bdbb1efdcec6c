package dev.switchboard.signaling.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The topics a socket may subscribe and publish to, from its token's topics claim. An entry is a topic
 * name, or a prefix followed by {@code *} ({@code doc-42-*}); {@code *} alone allows every topic.
 */
public final class TopicPolicy {
  /** Every topic: no auth, or no topics claim configured. */
  public static final TopicPolicy ANY = new TopicPolicy(List.of("*"));

  private final Set<String> exact = new HashSet<>();
  private final List<String> prefixes = new ArrayList<>();

  private TopicPolicy(List<String> entries) {
    for (String e : entries) {
      if (e.endsWith("*")) {
        prefixes.add(e.substring(0, e.length() - 1));
      } else {
        exact.add(e);
      }
    }
  }

  /** A policy from a claim value: a JSON array of strings, or one string of names separated by spaces. */
  public static TopicPolicy of(Object claim) {
    List<String> entries = new ArrayList<>();
    if (claim instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isEmpty()) {
          entries.add(s);
        }
      }
    } else if (claim instanceof String s) {
      for (String part : s.trim().split("[\\s,]+")) {
        if (!part.isEmpty()) {
          entries.add(part);
        }
      }
    }
    return new TopicPolicy(entries);
  }

  public boolean allows(String topic) {
    if (exact.contains(topic)) {
      return true;
    }
    for (String p : prefixes) {
      if (topic.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
