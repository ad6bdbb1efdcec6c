package dev.switchboard.signaling.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicPolicyTest {
  @Test
  void entriesAreExactNamesOrPrefixesEndingInAStar() {
    TopicPolicy p = TopicPolicy.of(List.of("doc-1", "team-*"));
    assertTrue(p.allows("doc-1"));
    assertFalse(p.allows("doc-10"));
    assertTrue(p.allows("team-"));
    assertTrue(p.allows("team-blue"));
    assertFalse(p.allows("teams"));
  }

  @Test
  void aStarAloneAllowsEverything() {
    assertTrue(TopicPolicy.of(List.of("*")).allows("anything"));
    assertTrue(TopicPolicy.ANY.allows(""));
  }

  @Test
  void aStringClaimIsSplitOnSpacesAndCommas() {
    TopicPolicy p = TopicPolicy.of("a b,c");
    assertTrue(p.allows("a") && p.allows("b") && p.allows("c"));
  }

  @Test
  void aMissingOrOddClaimAllowsNothing() {
    assertFalse(TopicPolicy.of(null).allows("a"));
    assertFalse(TopicPolicy.of(42).allows("42"));
    assertFalse(TopicPolicy.of(List.of(1, 2)).allows("1"));
  }
}
