package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.RemoteSide.LocalMember;
import dev.switchboard.core.RemoteSide.Snapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A full sync carries each presence member's id as the client gave it, so a number stays a number. */
class SyncCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void membersKeepTheirNumericIdsAndInfoThroughASync() throws Exception {
    Snapshot s = new Snapshot(Map.of("presence-room", Map.of(
        "7", new LocalMember(JSON.readTree("7"), JSON.readTree("{\"name\":\"Seven\"}")),
        "ann", new LocalMember(null, null))), Map.of("presence-room", 2), List.of("7"), 3);
    Snapshot back = SyncCodec.decode(SyncCodec.encode(s));
    LocalMember seven = back.members().get("presence-room").get("7");
    assertEquals(JSON.readTree("7"), seven.number());
    assertEquals("Seven", seven.info().path("name").asText());
    LocalMember ann = back.members().get("presence-room").get("ann");
    assertNull(ann.number());
    assertNull(ann.info());
    assertEquals(2, back.counts().get("presence-room"));
    assertEquals(List.of("7"), back.users());
    assertEquals(3, back.connections());
  }

  @Test
  void aSyncFromANodeThatPredatesNumericIdsReadsAsStringIds() {
    byte[] old = "{\"m\":{\"presence-room\":{\"7\":{\"name\":\"Seven\"}}},\"c\":{},\"u\":[],\"n\":1}".getBytes();
    LocalMember seven = SyncCodec.decode(old).members().get("presence-room").get("7");
    assertNull(seven.number());
    assertEquals("Seven", seven.info().path("name").asText());
  }
}
