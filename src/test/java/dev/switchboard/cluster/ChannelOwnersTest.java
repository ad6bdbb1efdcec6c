package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelOwnersTest {
  private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

  @Test
  void everyOrderOfTheSameNodesPicksTheSameOwnerAndChannelsSpreadOverAllNodes() {
    Map<String, Integer> owned = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      String ch = "presence-room-" + i;
      String owner = ChannelOwners.owner(NODES, "app", ch);
      assertEquals(owner, ChannelOwners.owner(List.of("node-c", "node-a", "node-b"), "app", ch));
      owned.merge(owner, 1, Integer::sum);
    }
    for (String n : NODES) {
      assertTrue(owned.getOrDefault(n, 0) > 700, "uneven spread: " + owned);
    }
  }

  @Test
  void whenANodeDiesOnlyItsChannelsMove() {
    for (int i = 0; i < 1000; i++) {
      String ch = "ch-" + i;
      String before = ChannelOwners.owner(NODES, "app", ch);
      String after = ChannelOwners.owner(List.of("node-a", "node-b"), "app", ch);
      if (!before.equals("node-c")) {
        assertEquals(before, after, ch);
      }
      assertTrue(!after.equals("node-c"));
    }
  }
}
