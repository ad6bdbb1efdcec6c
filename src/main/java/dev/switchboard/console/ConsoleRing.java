package dev.switchboard.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code size} lines of an app's event log, numbered from 0 in the order they came. Appends come from
 * every loop that serves the app, so a short lock guards the slots; readers ask for what followed the last
 * number they saw and learn how many they missed when the ring moved past it.
 */
final class ConsoleRing {
  private final String[] lines;
  private long next;

  ConsoleRing(int size) {
    this.lines = new String[size];
  }

  /** A batch of lines read from the ring: {@code missed} older ones were overwritten before this read. */
  record Read(List<String> lines, long next, long missed) {}

  synchronized void add(String line) {
    lines[(int) (next % lines.length)] = line;
    next++;
  }

  /** The lines numbered {@code from} and later (at most the ring's size). */
  synchronized Read since(long from) {
    long oldest = Math.max(0, next - lines.length);
    long start = Math.max(from, oldest);
    List<String> out = new ArrayList<>((int) Math.max(0, next - start));
    for (long i = start; i < next; i++) {
      out.add(lines[(int) (i % lines.length)]);
    }
    return new Read(out, next, Math.max(0, start - from));
  }

  synchronized long next() {
    return next;
  }
}
