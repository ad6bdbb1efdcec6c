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
    for (String name : r.runtime().occupiedChannels(prefix)) {
      channels.set(name, ChannelInfo.attributes(r.runtime(), name, info));
    }
    return res;
  }

  static Object one(ApiRequest r, String name) {
    Set<String> info = ChannelInfo.parse(r.params().get("info"));
    ChannelInfo.requireUserCountOnPresence(info, name);
    ObjectNode res = ApiResponses.JSON.createObjectNode();
    res.put("occupied", r.runtime().subscriptionCount(name) > 0);
    res.setAll(ChannelInfo.attributes(r.runtime(), name, info));
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
      roster.userIds().forEach(id -> users.addObject().put("id", id));
    }
    return res;
  }
}
