package dev.switchboard.signaling;

import dev.switchboard.core.SubscribeResult;
import java.util.List;

/**
 * {@code {type:"subscribe", topics}}: joins each topic's core channel. Topics that are too long, hold a
 * control character, are not granted by the token, or are past the per-socket limit are skipped and reported
 * in one error frame per reason; the others are joined. An empty list is a no-op, as in the reference.
 */
final class SubscribeHandler {
  private SubscribeHandler() {}

  static void handle(SignalingContext ctx, SignalingSocket s, List<String> topics) {
    int maxLength = ctx.config().maxTopicLength();
    int maxTopics = ctx.config().maxTopicsPerConnection();
    int tooLong = 0;
    int badName = 0;
    int overLimit = 0;
    String denied = null;
    int joined = 0;
    for (String topic : topics) {
      String channel = SignalingSocket.channel(topic);
      if (topic.length() > maxLength) {
        tooLong++;
      } else if (hasControlCharacter(topic)) {
        badName++;
      } else if (!s.grant().allows(topic)) {
        denied = topic;
      } else if (s.subscriptions().size() >= maxTopics && !s.subscriptions().contains(channel)) {
        overLimit++;
      } else if (s.app().subscribe(s, channel, null, null, -1) == SubscribeResult.SUBSCRIBED) {
        joined++;
      }
    }
    ctx.stats().subscriptionsChanged(joined);
    if (tooLong > 0) {
      s.error("Topic names are limited to " + maxLength + " characters; " + tooLong + " not subscribed.");
    }
    if (badName > 0) {
      s.error("Topic names may not contain control characters; " + badName + " not subscribed.");
    }
    if (denied != null) {
      s.error("Not allowed to subscribe to topic " + abbreviate(denied) + ".");
    }
    if (overLimit > 0) {
      s.error("A connection may subscribe to at most " + maxTopics + " topics; " + overLimit + " not subscribed.");
    }
  }

  /**
   * True for a topic with a NUL, a line break or another control character: no room name needs one, and they
   * are what forges log lines. Other text ("../x", "a%2Fb") is an opaque name, never decoded or used as a path.
   */
  static boolean hasControlCharacter(String topic) {
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** A topic as quoted in error frames and log lines: its first 50 characters, control characters escaped. */
  static String abbreviate(String topic) {
    String shown = dev.switchboard.logging.LogSafe.text(topic.length() > 50 ? topic.substring(0, 50) : topic);
    return topic.length() > 50 ? "\"" + shown + "...\"" : "\"" + shown + "\"";
  }
}
