package dev.switchboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BearerTokensTest {
  @Test
  void theFirstNamedQueryParameterWinsThenTheHeader() {
    assertEquals("t1", BearerTokens.from("/ws?token=t1&authorization=t2", "Bearer t3", "token", "authorization"));
    assertEquals("t2", BearerTokens.from("/ws?token=t1&authorization=t2", "Bearer t3", "authorization", "token"));
    assertEquals("t3", BearerTokens.from("/ws?other=t1", "Bearer t3", "token"));
    assertEquals("t3", BearerTokens.from("/ws", "Bearer t3"));
  }

  @Test
  void aBearerPrefixIsRemovedInAnyCaseAndEncoding() {
    assertEquals("t", BearerTokens.from("/ws?authorization=Bearer%20t", null, "authorization"));
    assertEquals("t", BearerTokens.from("/ws?authorization=Bearer+t", null, "authorization"));
    assertEquals("t", BearerTokens.from("/ws?authorization=bearer%20t", null, "authorization"));
    assertEquals("t", BearerTokens.from("/ws", "BEARER t"));
    assertEquals("t", BearerTokens.from("/ws", "t"));
  }

  @Test
  void blankValuesCountAsAbsent() {
    assertEquals("t3", BearerTokens.from("/ws?token=", "bearer t3", "token"));
    assertEquals("t3", BearerTokens.from("/ws?token=%20", "Bearer t3", "token"));
    assertNull(BearerTokens.from("/ws?token=&x=1", null, "token"));
    assertNull(BearerTokens.from("/ws", "Bearer "));
    assertNull(BearerTokens.from(null, null, "token"));
  }
}
