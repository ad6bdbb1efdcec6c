package dev.switchboard.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleRingTest {
  @Test
  void aReaderGetsWhatFollowedItsLastNumber() {
    ConsoleRing ring = new ConsoleRing(4);
    ring.add("a");
    ring.add("b");
    ConsoleRing.Read first = ring.since(0);
    assertEquals(List.of("a", "b"), first.lines());
    ring.add("c");
    ConsoleRing.Read second = ring.since(first.next());
    assertEquals(List.of("c"), second.lines());
    assertEquals(0, second.missed());
    assertEquals(List.of(), ring.since(second.next()).lines());
  }

  @Test
  void theRingKeepsItsSizeAndCountsWhatAReaderMissed() {
    ConsoleRing ring = new ConsoleRing(3);
    for (String s : List.of("1", "2", "3", "4", "5")) {
      ring.add(s);
    }
    ConsoleRing.Read r = ring.since(0);
    assertEquals(List.of("3", "4", "5"), r.lines());
    assertEquals(2, r.missed());
    assertEquals(5, r.next());
  }
}
