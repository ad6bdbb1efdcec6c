package dev.switchboard.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * One connection's subscriptions, keyed by channel name. Most sockets hold one to a few channels, so they
 * live in a small array scanned linearly (no map, entry or key-set objects per socket); past
 * {@link #INDEX_AT} a hash index is added so sockets with many channels keep constant-time lookups.
 * Keys are the channels' own names, so a socket never keeps its parsed copy of a name. On the loop only.
 */
public final class Subscriptions {
  static final int INDEX_AT = 8;
  private Subscription[] items = new Subscription[2];
  private int size;
  private HashMap<String, Subscription> index;

  public Subscription get(String name) {
    if (index != null) {
      return index.get(name);
    }
    int i = find(name);
    return i < 0 ? null : items[i];
  }

  public boolean contains(String name) {
    return get(name) != null;
  }

  public int size() {
    return size;
  }

  /** Names of the subscribed channels, copied so the caller may unsubscribe while iterating. */
  public List<String> names() {
    List<String> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(items[i].channel.name());
    }
    return out;
  }

  void add(Subscription s) {
    if (size == items.length) {
      items = java.util.Arrays.copyOf(items, size * 2);
    }
    items[size++] = s;
    if (index != null) {
      index.put(s.channel.name(), s);
    } else if (size > INDEX_AT) {
      index = new HashMap<>(size * 2);
      for (int i = 0; i < size; i++) {
        index.put(items[i].channel.name(), items[i]);
      }
    }
  }

  Subscription remove(String name) {
    Subscription s = get(name);
    if (s == null) {
      return null;
    }
    for (int i = 0; i < size; i++) {
      if (items[i] == s) {
        items[i] = items[--size];
        items[size] = null;
        break;
      }
    }
    if (index != null) {
      index.remove(name);
    }
    return s;
  }

  private int find(String name) {
    for (int i = 0; i < size; i++) {
      if (items[i].channel.name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
