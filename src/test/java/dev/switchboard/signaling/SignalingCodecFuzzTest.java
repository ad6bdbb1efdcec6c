package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.fuzz.FuzzInput;

/**
 * y-webrtc signaling frames from clients: {@link SignalingCodec#decode} returns a message or refuses the frame
 * with a {@link SignalingException} (sent back as an error frame); anything else escaping would end the socket.
 */
class SignalingCodecFuzzTest {
  @FuzzTest
  void clientFrame(byte[] data) {
    SignalingMessage m;
    try {
      m = SignalingCodec.decode(FuzzInput.text(data));
    } catch (SignalingException refused) {
      assertNotNull(refused.getMessage());
      return;
    }
    assertNotNull(m);
    if (m instanceof SignalingMessage.Publish p) {
      assertFalse(p.topic().isEmpty(), "a publish has a topic");
      assertNotNull(SignalingCodec.publish(p.message(), 1).json(), "what every subscriber gets is encodable");
    }
  }
}
