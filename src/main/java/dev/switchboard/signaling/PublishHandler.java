package dev.switchboard.signaling;

import dev.switchboard.core.OutboundMessage;

/**
 * {@code {type:"publish", topic, ...}}: forwards the whole message, with {@code clients} set to the
 * topic's subscriber count, to every subscriber including the sender. It is encoded once and fanned out
 * by the core, one task per event loop. A topic nobody subscribed to swallows the message, as in the
 * reference. Publishing needs no subscription (the reference does not ask for one), but does need the
 * token's grant and a token from the socket's publish bucket.
 */
final class PublishHandler {
  private PublishHandler() {}

  static void handle(SignalingContext ctx, SignalingSocket s, SignalingMessage.Publish p) {
    if (!s.grant().allows(p.topic())) {
      s.error("Not allowed to publish to topic " + SubscribeHandler.abbreviate(p.topic()) + ".");
      return;
    }
    int perSecond = ctx.config().maxPublishPerSecond();
    if (!s.publishes().tryTake(1, perSecond)) {
      ctx.stats().rateLimited();
      s.error("Publish rate limit of " + perSecond + " messages per second exceeded; message dropped.");
      return;
    }
    String channel = SignalingSocket.channel(p.topic());
    // subscribers on every node of a cluster count, and receive it (broadcast goes through the broker)
    int clients = s.app().subscriptionCount(channel);
    if (clients == 0) {
      return;
    }
    OutboundMessage out = SignalingCodec.publish(p.message(), clients);
    ctx.stats().published(clients);
    s.app().broadcast(channel, out, null);
  }
}
