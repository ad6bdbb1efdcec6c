package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The y-webrtc signaling protocol, message by message, as the reference server speaks it. */
class SignalingProtocolIT {
  private static final String CONFIG = """
      {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":200,
       "signaling":{"max_connections_per_ip_per_second":-1},
       "app_manager":{"driver":"memory","array":{"apps":[
         {"id":"app-id","key":"app-key","secret":"app-secret"},
         {"id":"other-id","key":"other-key","secret":"other-secret"},
         {"id":"off-id","key":"off-key","secret":"off-secret","enabled":false}]}}}
      """;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(CONFIG, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static SignalingClient client(String path) {
    return SignalingClient.connect(server.port(), path);
  }

  private static SignalingClient subscribed(String path, String... topics) throws Exception {
    SignalingClient c = client(path);
    c.send(Map.of("type", "subscribe", "topics", List.of(topics)));
    c.assertNothingPending(); // the subscribe is processed before the pong comes back
    return c;
  }

  @Test
  void pingIsAnsweredWithPong() throws Exception {
    try (SignalingClient c = client("/signaling")) {
      c.send("{\"type\":\"ping\"}");
      assertEquals("{\"type\":\"pong\"}", c.next().toString());
    }
  }

  @Test
  void publishReachesEverySubscriberIncludingTheSenderWithTheClientCount() throws Exception {
    List<SignalingClient> peers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      peers.add(subscribed("/signaling", "room-1"));
    }
    try (SignalingClient outsider = subscribed("/signaling", "room-2")) {
      peers.get(0).send("{\"type\":\"publish\",\"topic\":\"room-1\",\"data\":{\"type\":\"announce\",\"from\":\"p0\"}}");
      for (SignalingClient p : peers) {
        JsonNode m = p.next("publish");
        assertEquals("room-1", m.get("topic").asText());
        assertEquals("announce", m.at("/data/type").asText());
        assertEquals(4, m.get("clients").asInt());
      }
      outsider.assertNothingPending();
    } finally {
      peers.forEach(SignalingClient::close);
    }
  }

  @Test
  void publishedMessageIsForwardedWholeWithClientsReplacedInPlace() throws Exception {
    try (SignalingClient a = subscribed("/signaling", "t")) {
      a.send("{\"type\":\"publish\",\"topic\":\"t\",\"clients\":99,\"data\":\"x\",\"extra\":[1,{\"k\":null}]}");
      assertEquals("{\"type\":\"publish\",\"topic\":\"t\",\"clients\":1,\"data\":\"x\",\"extra\":[1,{\"k\":null}]}",
          a.next().toString());
    }
  }

  @Test
  void publishWithoutSubscribersOrWithoutTopicIsSilentlyDropped() throws Exception {
    try (SignalingClient a = client("/signaling")) {
      a.send("{\"type\":\"publish\",\"topic\":\"nobody-here\",\"data\":1}");
      a.send("{\"type\":\"publish\",\"data\":1}");
      a.send("{\"type\":\"publish\",\"topic\":42}");
      a.send("{\"type\":\"publish\",\"topic\":\"\"}");
      a.assertNothingPending();
    }
  }

  @Test
  void twoHundredDocumentsOnOneSocketAreAllJoinedUnderTheDefaultTopicLimit() throws Exception {
    // y-webrtc keeps one socket per signaling server and subscribes every open document's room on it
    List<String> rooms = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rooms.add("doc-" + i);
    }
    try (SignalingClient editor = subscribed("/signaling", rooms.toArray(new String[0]));
        SignalingClient peer = client("/signaling")) {
      peer.send("{\"type\":\"publish\",\"topic\":\"doc-199\",\"data\":1}");
      assertEquals("doc-199", editor.next("publish").get("topic").asText());
    }
  }

  @Test
  void aSocketMayPublishToATopicItIsNotSubscribedTo() throws Exception {
    try (SignalingClient listener = subscribed("/signaling", "open-topic");
        SignalingClient publisher = client("/signaling")) {
      publisher.send("{\"type\":\"publish\",\"topic\":\"open-topic\",\"n\":1}");
      assertEquals(1, listener.next("publish").get("clients").asInt());
      publisher.assertNothingPending();
    }
  }

  @Test
  void unsubscribeStopsDeliveryAndLowersTheCount() throws Exception {
    try (SignalingClient a = subscribed("/signaling", "u1", "u2");
        SignalingClient b = subscribed("/signaling", "u1")) {
      a.send("{\"type\":\"unsubscribe\",\"topics\":[\"u1\",\"never-joined\",7]}");
      a.assertNothingPending();
      b.send("{\"type\":\"publish\",\"topic\":\"u1\"}");
      assertEquals(1, b.next("publish").get("clients").asInt());
      a.assertNothingPending();
      b.send("{\"type\":\"publish\",\"topic\":\"u2\"}");
      assertEquals(1, a.next("publish").get("clients").asInt()); // still in u2
    }
  }

  @Test
  void emptyMissingAndNonStringTopicsAreToleratedAsTheReferenceDoes() throws Exception {
    try (SignalingClient a = client("/signaling")) {
      a.send("{\"type\":\"subscribe\",\"topics\":[]}");
      a.send("{\"type\":\"subscribe\"}");
      a.send("{\"type\":\"subscribe\",\"topics\":null}");
      a.send("{\"type\":\"subscribe\",\"topics\":[1,null,{\"a\":1},[\"x\"],true,\"real\"]}");
      a.send("{\"type\":\"unsubscribe\"}");
      a.send("{\"type\":\"nonsense\"}");
      a.send("{\"no_type\":1}");
      a.send("[1,2,3]");
      a.send("\"just a string\"");
      a.assertNothingPending();
      a.send("{\"type\":\"publish\",\"topic\":\"real\"}");
      assertEquals(1, a.next("publish").get("clients").asInt());
    }
  }

  @Test
  void anyPathBelowTheSignalingPathIsTheSameNamespace() throws Exception {
    try (SignalingClient a = subscribed("/signaling", "shared");
        SignalingClient b = subscribed("/signaling/my-room/deeper?x=1", "shared")) {
      b.send("{\"type\":\"publish\",\"topic\":\"shared\"}");
      assertEquals(2, a.next("publish").get("clients").asInt());
      assertEquals(2, b.next("publish").get("clients").asInt());
    }
  }

  @Test
  void anAppKeyInThePathSelectsThatAppsOwnNamespace() throws Exception {
    try (SignalingClient builtin = subscribed("/signaling", "doc");
        SignalingClient app = subscribed("/signaling/app-key", "doc");
        SignalingClient other = subscribed("/signaling/other-key/room", "doc")) {
      app.send("{\"type\":\"publish\",\"topic\":\"doc\"}");
      assertEquals(1, app.next("publish").get("clients").asInt());
      builtin.assertNothingPending();
      other.assertNothingPending();
    }
  }

  @Test
  void aDisabledAppIsRefusedWith4003() throws Exception {
    try (SignalingClient c = client("/signaling/off-key")) {
      assertEquals("error", c.next("error").get("type").asText());
      assertEquals(4003, c.closeCode());
    }
  }

  @Test
  void closingASocketRemovesItFromItsTopics() throws Exception {
    try (SignalingClient stays = subscribed("/signaling", "c1")) {
      SignalingClient leaves = subscribed("/signaling", "c1");
      leaves.close();
      // the close is processed on the server asynchronously: publish until the count drops
      int clients = 2;
      for (int i = 0; i < 100 && clients != 1; i++) {
        stays.send("{\"type\":\"publish\",\"topic\":\"c1\"}");
        clients = stays.next("publish").get("clients").asInt();
      }
      assertEquals(1, clients);
    }
  }

  @Test
  void signalingTopicsStayOutOfThePusherChannelList() throws Exception {
    try (SignalingClient a = subscribed("/signaling/app-key", "hidden-topic")) {
      com.pusher.rest.Pusher api = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
      api.setHost(server.hostPort());
      api.setEncrypted(false);
      try {
        var result = api.get("/channels");
        assertEquals(200, result.getHttpStatus(), result.getMessage());
        assertFalse(result.getMessage().contains("hidden-topic"), result.getMessage());
      } finally {
        api.close();
      }
      a.assertAlive();
    }
  }

  @Test
  void plainHttpAndUnknownWebSocketPathsAreNotSignaling() throws Exception {
    assertEquals(404, SignalingClient.handshakeStatus(server.port(), "/elsewhere"));
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() == 200, "health still answers");
  }
}
