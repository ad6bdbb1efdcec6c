package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.PresenceRoster;
import dev.switchboard.core.ChannelKind;
import java.util.Set;

/** {@code GET /channels}, {@code GET /channels/{name}}, {@code GET /channels/{name}/users}. */
final class ChannelsEndpoint {
  private ChannelsEndpoint() {}

  static Object list(ApiRequest r) {
    String prefix = r.params().get("filter_by_prefix");
    Set<String> info = ChannelInfo.parse(r.params().get("info"));
    ChannelInfo.requireUserCountOnPresence(info, prefix);
    ObjectNode res = ApiResponses.JSON.createObjectNode();
    ObjectNode channels = res.putObject("channels");
    // soketi lists every channel with subscription_count and occupied whatever info asks, and code written
    // against it reads them; Pusher clients ignore attributes they did not ask for, so both get the superset
    for (String name : r.runtime().occupiedChannels(prefix)) {
      ObjectNode ch = channels.putObject(name);
      ch.put("subscription_count", r.runtime().subscriptionCount(name));
      ch.put("occupied", true);
      ch.setAll(ChannelInfo.attributes(r.runtime(), name, info));
    }
    return res;
  }

  /** What soketi answers for one channel without being asked: also user_count on presence channels. */
  private static final Set<String> ONE_ALWAYS = Set.of("subscription_count", "user_count");

  static Object one(ApiRequest r, String name) {
    Set<String> info = ChannelInfo.parse(r.params().get("info"));
    ChannelInfo.requireUserCountOnPresence(info, name);
    ObjectNode res = ApiResponses.JSON.createObjectNode();
    res.put("occupied", r.runtime().subscriptionCount(name) > 0);
    res.setAll(ChannelInfo.attributes(r.runtime(), name, ONE_ALWAYS)); // user_count only on presence channels
    return res;
  }

  static Object users(ApiRequest r, String name) {
    if (ChannelKind.of(name) != ChannelKind.PRESENCE) {
      throw new ApiException(400, "Users can only be listed for presence channels");
    }
    ObjectNode res = ApiResponses.JSON.createObjectNode();
    ArrayNode users = res.putArray("users");
    PresenceRoster roster = r.runtime().roster(name);
    if (roster != null) {
      // an id given as a JSON number is listed as that number, as soketi lists it
      roster.userIds().forEach(id -> users.addObject().set("id", id));
    }
    return res;
  }
}
