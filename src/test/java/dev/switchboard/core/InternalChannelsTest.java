package dev.switchboard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.AppParser;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.testing.InlineLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channels of other dialects ({@code dialect:name}) fan out like any channel but stay out of Pusher's view. */
class InternalChannelsTest {
  private static final Loop LOOP = InlineLoop.INSTANCE;

  private static final class Recording extends Connection {
    final List<String> got = new ArrayList<>();

    Recording(AppRuntime app) {
      super("1.1", app, LOOP);
    }

    @Override
    public void deliver(OutboundMessage message) {
      got.add(message.json());
    }

    @Override
    protected void closeTransport(int code, String reason) {}

    @Override
    protected void sendActivityPing() {}
  }

  @Test
  void aNameWithAColonIsInternalAndNeverAValidPusherName() {
    assertTrue(ChannelNames.isInternal("signaling:room"));
    assertFalse(ChannelNames.valid("signaling:room"));
    assertFalse(ChannelNames.isInternal("presence-room"));
    assertEquals(ChannelKind.PUBLIC, ChannelKind.of("signaling:presence-room"));
  }

  @Test
  void internalChannelsFanOutButAreNeitherReportedNorListed() throws Exception {
    List<String> events = new ArrayList<>();
    HubListener listener = new HubListener() {
      @Override
      public void channelOccupied(AppRuntime app, Channel channel) {
        events.add("occupied " + channel.name());
      }

      @Override
      public void channelVacated(AppRuntime app, String channel) {
        events.add("vacated " + channel);
      }

      @Override
      public void subscriptionCountChanged(AppRuntime app, Channel channel) {
        events.add("count " + channel.name());
      }
    };
    var app = AppParser.parse(new ObjectMapper().readTree("{\"id\":\"a\",\"key\":\"k\",\"secret\":\"s\"}"),
        ServerLimits.DEFAULTS);
    AppRuntime rt = new Hub(new Loop[] {LOOP}, listener, listener, 1000).runtime(app);
    Recording c = new Recording(rt);
    rt.subscribe(c, "signaling:room", null, null, -1);
    rt.subscribe(c, "news", null, null, -1);
    byte[] json = "{\"n\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    rt.publish("signaling:room", OutboundMessage.ofJson(json), null);
    assertEquals(List.of("{\"n\":1}"), c.got);
    assertEquals(List.of("news"), rt.occupiedChannels(null));
    rt.unsubscribe(c, "signaling:room");
    rt.unsubscribe(c, "news");
    assertEquals(List.of("occupied news", "count news", "vacated news"), events);
  }
}
