package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SignalingTokensTest {
  @Test
  void theTokenComesFromTokenThenAuthorizationThenTheHeader() {
    assertEquals("t1", SignalingTokens.token("/signaling?token=t1&authorization=t2", "Bearer t3"));
    assertEquals("t2", SignalingTokens.token("/signaling?authorization=Bearer%20t2", "Bearer t3"));
    assertEquals("t3", SignalingTokens.token("/signaling", "Bearer t3"));
    assertEquals("t3", SignalingTokens.token("/signaling?token=", "bearer t3"));
    assertNull(SignalingTokens.token("/signaling/room?x=1", null));
  }
}
