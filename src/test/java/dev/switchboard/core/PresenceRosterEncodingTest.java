package dev.switchboard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.pusher.PusherMessages;
import org.junit.jupiter.api.Test;

/** The roster a presence subscriber receives, built from per-member cached pieces, is exact JSON. */
class PresenceRosterEncodingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode presence(PresenceRoster roster) throws Exception {
    JsonNode frame = JSON.readTree(PusherMessages.presenceSucceeded("presence-room", roster).json());
    assertEquals("pusher_internal:subscription_succeeded", frame.get("event").asText());
    assertEquals("presence-room", frame.get("channel").asText());
    return JSON.readTree(frame.get("data").asText()).get("presence"); // data is a JSON-encoded string
  }

  @Test
  void idsHashAndCountSurviveQuotesBackslashesAndUnicode() throws Exception {
    PresenceRoster roster = new PresenceRoster();
    JsonNode aliceInfo = JSON.readTree("{\"name\":\"Al \\\"the\\\" \\\\ice\",\"tags\":[\"é\",\"\\u0001\"],\"n\":1}");
    roster.joinLocal("alice", aliceInfo, -1);
    roster.joinLocal("b\"o\\b ü", null, -1);
    roster.joinLocal("42", JSON.readTree("7"), -1);

    JsonNode p = presence(roster);
    assertEquals(3, p.get("count").asInt());
    assertEquals(3, p.get("ids").size());
    assertEquals(aliceInfo, p.get("hash").get("alice"));
    assertEquals(true, p.get("hash").get("b\"o\\b ü").isNull());
    assertEquals(7, p.get("hash").get("42").asInt());
  }

  @Test
  void aRosterAfterLeavesAndRejoinsHoldsExactlyTheCurrentMembers() throws Exception {
    PresenceRoster roster = new PresenceRoster();
    roster.joinLocal("a", JSON.readTree("{\"v\":1}"), -1);
    roster.joinLocal("b", JSON.readTree("{\"v\":2}"), -1);
    presence(roster); // caches both members' pieces
    roster.leaveLocal("a");
    roster.joinLocal("a", JSON.readTree("{\"v\":3}"), -1); // a new member object: new info, new pieces

    JsonNode p = presence(roster);
    assertEquals(2, p.get("count").asInt());
    assertEquals(3, p.get("hash").get("a").get("v").asInt());
    assertEquals(2, p.get("hash").get("b").get("v").asInt());
  }

  @Test
  void anIdGivenAsANumberIsListedAsTheNumberAndKeyedByItsString() throws Exception {
    PresenceRoster roster = new PresenceRoster();
    roster.joinLocal("2", JSON.readTree("2"), JSON.readTree("{\"name\":\"Two\"}"), -1);
    roster.joinLocal("x", null, null, -1);

    JsonNode p = presence(roster);
    assertEquals(JSON.readTree("[2,\"x\"]"), p.get("ids"), "ids repeat the id as the client gave it");
    assertEquals("Two", p.get("hash").get("2").get("name").asText(), "hash keys are strings in any JSON");
    assertEquals(JSON.readTree("[2,\"x\"]"), JSON.valueToTree(roster.userIds()));
    assertEquals(JSON.readTree("2"), roster.idOf("2"));
    assertEquals(JSON.readTree("\"x\""), roster.idOf("x"));
  }

  @Test
  void anEmptyRosterIsValid() throws Exception {
    JsonNode p = presence(new PresenceRoster());
    assertEquals(0, p.get("count").asInt());
    assertEquals(0, p.get("ids").size());
    assertEquals(0, p.get("hash").size());
  }
}
