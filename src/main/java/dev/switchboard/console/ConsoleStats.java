package dev.switchboard.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.ChannelKind;
import dev.switchboard.core.PresenceRoster;

/**
 * One sample of an app's live figures: connections, occupied channels and presence members (cluster-wide, as
 * far as other nodes report them), and WebSocket messages in and out per second on this node since the previous
 * sample (in a cluster, plus what the other nodes counted meanwhile, see {@link ConsoleCluster}). Walks the
 * app's channel names once per sample: a console's cost, once a second.
 */
final class ConsoleStats {
  private final AppRuntime rt;
  private long lastNanos = System.nanoTime();
  private long lastIn;
  private long lastOut;

  ConsoleStats(AppRuntime rt) {
    this.rt = rt;
    this.lastIn = rt.meters().messagesReceived();
    this.lastOut = rt.meters().messagesSent();
  }

  ObjectNode sample() {
    return sample(0, 0);
  }

  /** A sample whose rates add {@code otherIn} and {@code otherOut}, counted on other nodes since the last one. */
  ObjectNode sample(long otherIn, long otherOut) {
    int channels = 0;
    int members = 0;
    for (String name : rt.occupiedChannels(null)) {
      channels++;
      if (ChannelKind.of(name) == ChannelKind.PRESENCE) {
        PresenceRoster r = rt.roster(name);
        members += r == null ? 0 : r.size();
      }
    }
    long now = System.nanoTime();
    long in = rt.meters().messagesReceived();
    long out = rt.meters().messagesSent();
    double secs = Math.max(1e-3, (now - lastNanos) / 1e9);
    ObjectNode n = ConsoleLog.JSON.createObjectNode().put("type", "stats").put("t", System.currentTimeMillis())
        .put("connections", rt.clusterConnectionCount()).put("channels", channels).put("members", members)
        .put("in_per_sec", Math.round((in - lastIn + otherIn) / secs))
        .put("out_per_sec", Math.round((out - lastOut + otherOut) / secs))
        .put("messages_in", in).put("messages_out", out);
    lastNanos = now;
    lastIn = in;
    lastOut = out;
    return n;
  }
}
