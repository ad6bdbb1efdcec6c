package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.PresenceRoster;
import dev.switchboard.core.ChannelKind;
import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code info} attributes (subscription_count, user_count) of a channel, as the API reports them. */
final class ChannelInfo {
  private ChannelInfo() {}

  static Set<String> parse(String info) {
    if (info == null || info.isEmpty()) {
      return Set.of(); // the usual case: no info asked, nothing to allocate
    }
    Set<String> out = new LinkedHashSet<>();
    for (String s : info.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    for (String s : out) {
      if (!s.equals("subscription_count") && !s.equals("user_count") && !s.equals("cache")) {
        throw new ApiException(400, "Unknown info attribute " + s);
      }
    }
    return out;
  }

  static void requireUserCountOnPresence(Set<String> info, String channelOrPrefix) {
    if (info.contains("user_count") && (channelOrPrefix == null || !channelOrPrefix.startsWith("presence-"))) {
      throw new ApiException(400, "user_count is only available for presence channels");
    }
  }

  static ObjectNode attributes(AppRuntime rt, String name, Set<String> info) {
    ObjectNode o = ApiResponses.JSON.createObjectNode();
    if (info.contains("subscription_count")) {
      o.put("subscription_count", rt.subscriptionCount(name));
    }
    if (info.contains("user_count") && ChannelKind.of(name) == ChannelKind.PRESENCE) {
      PresenceRoster roster = rt.roster(name);
      o.put("user_count", roster == null ? 0 : roster.size());
    }
    return o;
  }
}
