package dev.switchboard.signaling;

import dev.switchboard.core.OutboundMessage;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code {type:"publish", topic, ...}}: forwards the whole message, with {@code clients} set to the
 * topic's subscriber count, to every subscriber including the sender. It is encoded once and fanned out
 * by the core, one task per event loop. On a single node a topic nobody subscribed to swallows the
 * message, as in the reference. In a cluster every publish goes to the broker: this node learns of other
 * nodes' subscriptions only after a delay (counts are coalesced), and a peer that just joined on another
 * node must not miss the offer that follows. Publishing needs no subscription (the reference does not ask
 * for one), but does need the token's grant and a token from the socket's publish bucket.
 */
final class PublishHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PublishHandler.class);

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
    // subscribers on every node count (those on other nodes as far as this node has heard of them yet)
    int clients = s.app().subscriptionCount(channel);
    if (clients == 0 && !s.app().clustered()) {
      return;
    }
    OutboundMessage out = SignalingCodec.publish(p.message(), clients);
    ctx.stats().published(clients);
    s.app().broadcast(channel, out, null).whenComplete((v, err) -> {
      if (err != null) {
        brokerFailed(ctx.stats(), p.topic(), err);
      }
    });
  }

  /** The local subscribers have it; the other nodes' did not get it. Never fails the socket. */
  private static void brokerFailed(SignalingStats stats, String topic, Throwable failure) {
    Throwable err = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (stats.brokerFailed()) {
      LOG.atWarn().addKeyValue("channel", SubscribeHandler.abbreviate(topic)).log("signaling publish not sent to"
          + " other nodes: {} ({} such failures so far)", err.getMessage(), stats.brokerFailures());
    } else {
      LOG.atDebug().addKeyValue("channel", SubscribeHandler.abbreviate(topic))
          .log("signaling publish not sent to other nodes: {}", err.getMessage());
    }
  }
}
