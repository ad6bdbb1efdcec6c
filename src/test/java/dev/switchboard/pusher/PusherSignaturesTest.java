package dev.switchboard.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PusherSignaturesTest {
  private static String reference(String secret, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return PusherSignatures.hex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signaturesStayRightWhenOneThreadSignsForSeveralAppsInTurn() throws Exception {
    String[] secrets = {"app-secret", "other-secret", "app-secret", "third", "third", "other-secret"};
    for (int i = 0; i < secrets.length; i++) {
      String message = "1234.5678:private-room-" + i;
      assertEquals(reference(secrets[i], message), PusherSignatures.hmacHex(secrets[i], message), secrets[i]);
    }
  }

  @Test
  void aKnownPusherAuthSignatureIsReproduced() {
    // the example of Pusher's channel authorization docs
    assertEquals("58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4",
        PusherSignatures.hmacHex("7ad3773142a6692b25b8", "1234.1234:private-foobar"));
  }
}
