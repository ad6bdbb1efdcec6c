package dev.switchboard.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One decoded client message of the y-webrtc signaling protocol. */
sealed interface SignalingMessage {
  /** {@code {type:"subscribe", topics:[...]}}; non-string topics are already dropped, as the reference does. */
  record Subscribe(List<String> topics) implements SignalingMessage {}

  /** {@code {type:"unsubscribe", topics:[...]}}. */
  record Unsubscribe(List<String> topics) implements SignalingMessage {}

  /** {@code {type:"publish", topic, ...}}: {@code message} is the whole object, forwarded as it came. */
  record Publish(String topic, ObjectNode message) implements SignalingMessage {}

  /** {@code {type:"ping"}}. */
  record Ping() implements SignalingMessage {}

  /** Valid JSON the reference server silently ignores: no or unknown type, a publish without a topic. */
  record Ignored() implements SignalingMessage {}
}
