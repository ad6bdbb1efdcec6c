package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalingCodecTest {
  private static SignalingMessage decode(String s) {
    return SignalingCodec.decode(s);
  }

  @Test
  void subscribeKeepsOnlyStringTopicsInOrder() {
    var m = assertInstanceOf(SignalingMessage.Subscribe.class,
        decode("{\"type\":\"subscribe\",\"topics\":[\"a\",1,null,\"\",{\"x\":1},\"b\"]}"));
    assertEquals(List.of("a", "", "b"), m.topics());
  }

  @Test
  void falsyOrMissingTopicsAreAnEmptyListLikeJavascriptsOrEmptyArray() {
    for (String topics : List.of("", ",\"topics\":null", ",\"topics\":false", ",\"topics\":0", ",\"topics\":\"\"")) {
      var m = assertInstanceOf(SignalingMessage.Subscribe.class, decode("{\"type\":\"subscribe\"" + topics + "}"));
      assertEquals(List.of(), m.topics(), topics);
    }
  }

  @Test
  void truthyTopicsThatAreNotAListAreAnError() {
    for (String topics : List.of("\"a\"", "1", "true", "{}")) {
      assertThrows(SignalingException.class, () -> decode("{\"type\":\"unsubscribe\",\"topics\":" + topics + "}"));
    }
  }

  @Test
  void publishNeedsANonEmptyStringTopic() {
    var p = assertInstanceOf(SignalingMessage.Publish.class, decode("{\"type\":\"publish\",\"topic\":\"r\",\"d\":1}"));
    assertEquals("r", p.topic());
    for (String bad : List.of("{\"type\":\"publish\"}", "{\"type\":\"publish\",\"topic\":\"\"}",
        "{\"type\":\"publish\",\"topic\":7}", "{\"type\":\"publish\",\"topic\":[\"r\"]}")) {
      assertInstanceOf(SignalingMessage.Ignored.class, decode(bad), bad);
    }
  }

  @Test
  void messagesWithoutAStringTypeAreIgnoredAsTheReferenceDoes() {
    for (String s : List.of("{}", "{\"type\":5}", "{\"type\":\"other\"}", "[]", "5", "null", "\"s\"", "true")) {
      assertInstanceOf(SignalingMessage.Ignored.class, decode(s), s);
    }
    assertInstanceOf(SignalingMessage.Ping.class, decode("{\"type\":\"ping\"}"));
  }

  @Test
  void textThatIsNotOneJsonValueIsAnError() {
    for (String s : List.of("", "  ", "x", "{", "{} {}", "{\"type\":\"ping\"}x")) {
      assertThrows(SignalingException.class, () -> decode(s), s);
    }
  }

  @Test
  void publishFrameIsTheClientsObjectWithClientsSetInPlaceOrAppended() {
    var p = (SignalingMessage.Publish) decode(
        "{\"type\":\"publish\",\"topic\":\"r\",\"clients\":9,\"data\":{\"a\":[1]}}");
    assertEquals("{\"type\":\"publish\",\"topic\":\"r\",\"clients\":3,\"data\":{\"a\":[1]}}",
        SignalingCodec.publish(p.message(), 3).json());
    var q = (SignalingMessage.Publish) decode("{\"type\":\"publish\",\"topic\":\"r\",\"data\":\"x\"}");
    assertEquals("{\"type\":\"publish\",\"topic\":\"r\",\"data\":\"x\",\"clients\":1}",
        SignalingCodec.publish(q.message(), 1).json());
  }

  @Test
  void serverFramesAreCompactJson() {
    assertEquals("{\"type\":\"pong\"}", SignalingCodec.PONG.json());
    assertEquals("{\"type\":\"error\",\"message\":\"say \\\"why\\\"\"}", SignalingCodec.error("say \"why\"").json());
  }
}
