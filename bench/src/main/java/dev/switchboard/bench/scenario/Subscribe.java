package dev.switchboard.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bench.BenchContext;
import dev.switchboard.bench.client.LoopTimeouts;
import dev.switchboard.bench.client.PusherConnection;
import dev.switchboard.bench.client.PusherListener;
import dev.switchboard.bench.client.Signatures;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Connect-and-subscribe with the auth each channel kind needs (public, private-, presence-). */
final class Subscribe {
    static final long SUBSCRIBE_TIMEOUT_MS = 30_000;

    private Subscribe() {}

    /** Subscribe an established connection; signs private and presence channels with the app secret. */
    static CompletableFuture<JsonNode> channel(BenchContext ctx, PusherConnection c, String channel,
            String channelData) {
        String key = ctx.options().key();
        String secret = ctx.options().secret();
        String auth = null;
        if (channel.startsWith("presence-")) {
            auth = Signatures.presenceChannelAuth(key, secret, c.socketId(), channel, channelData);
        } else if (channel.startsWith("private-")) {
            auth = Signatures.privateChannelAuth(key, secret, c.socketId(), channel);
        }
        return LoopTimeouts.within(c.eventLoop(), c.subscribe(channel, auth, channelData), SUBSCRIBE_TIMEOUT_MS);
    }

    /** Open a connection and subscribe it to every channel at once; the connection once all succeeded. */
    static CompletableFuture<PusherConnection> connect(BenchContext ctx, PusherListener listener,
            List<String> channels) {
        return ctx.connector().connect(listener).thenCompose(c -> {
            CompletableFuture<?>[] subs = channels.stream().map(ch -> channel(ctx, c, ch, null))
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(subs).handle((x, e) -> {
                if (e != null) {
                    c.abort();
                    throw new IllegalStateException("subscribe failed: " + Bulk.describe(e), e);
                }
                return c;
            });
        });
    }
}
