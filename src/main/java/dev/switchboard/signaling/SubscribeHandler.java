package dev.switchboard.signaling;

import dev.switchboard.core.SubscribeResult;
import java.util.List;

/**
 * {@code {type:"subscribe", topics}}: joins each topic's core channel. Topics that are too long, not
 * granted by the token, or past the per-socket limit are skipped and reported in one error frame per
 * reason; the others are joined. An empty list is a no-op, as in the reference.
 */
final class SubscribeHandler {
  private SubscribeHandler() {}

  static void handle(SignalingContext ctx, SignalingSocket s, List<String> topics) {
    int maxLength = ctx.config().maxTopicLength();
    int maxTopics = ctx.config().maxTopicsPerConnection();
    int tooLong = 0;
    int overLimit = 0;
    String denied = null;
    int joined = 0;
    for (String topic : topics) {
      String channel = SignalingSocket.channel(topic);
      if (topic.length() > maxLength) {
        tooLong++;
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
    if (denied != null) {
      s.error("Not allowed to subscribe to topic " + abbreviate(denied) + ".");
    }
    if (overLimit > 0) {
      s.error("A connection may subscribe to at most " + maxTopics + " topics; " + overLimit + " not subscribed.");
    }
  }

  static String abbreviate(String topic) {
    return topic.length() > 50 ? "\"" + topic.substring(0, 50) + "...\"" : "\"" + topic + "\"";
  }
}
