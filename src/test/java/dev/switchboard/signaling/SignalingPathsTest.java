package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignalingPathsTest {
  private final SignalingPaths paths = new SignalingPaths("/signaling");

  @Test
  void theBasePathAndEverythingBelowItMatch() {
    assertTrue(paths.matches("/signaling"));
    assertTrue(paths.matches("/signaling/"));
    assertTrue(paths.matches("/signaling/app-key/room"));
    assertFalse(paths.matches("/signalingx"));
    assertFalse(paths.matches("/app/key"));
    assertFalse(paths.matches("/"));
  }

  @Test
  void theFirstSegmentBelowTheBaseIsTheAppKeyCandidate() {
    assertNull(paths.firstSegment("/signaling"));
    assertNull(paths.firstSegment("/signaling/"));
    assertEquals("app-key", paths.firstSegment("/signaling/app-key"));
    assertEquals("app-key", paths.firstSegment("/signaling//app-key/room/x"));
    assertEquals("a b", paths.firstSegment("/signaling/a%20b"));
  }

  @Test
  void aSegmentWithMalformedEscapesNamesNoApp() {
    assertNull(paths.firstSegment("/signaling/%zz/room")); // Netty's decoder threw here, ending the upgrade
  }

  @Test
  void anEmptyBaseMatchesEveryPathLikeTheReferenceServer() {
    SignalingPaths root = new SignalingPaths("");
    assertTrue(root.matches("/"));
    assertTrue(root.matches("/any/room"));
    assertEquals("any", root.firstSegment("/any/room"));
    assertNull(root.firstSegment("/"));
  }
}
