package dev.switchboard.signaling;

import java.util.List;

/** {@code {type:"unsubscribe", topics}}: leaves each topic; topics the socket is not in are ignored. */
final class UnsubscribeHandler {
  private UnsubscribeHandler() {}

  static void handle(SignalingContext ctx, SignalingSocket s, List<String> topics) {
    int left = 0;
    for (String topic : topics) {
      if (s.app().unsubscribe(s, SignalingSocket.channel(topic))) {
        left++;
      }
    }
    ctx.stats().subscriptionsChanged(-left);
  }
}
