package dev.switchboard.cache.redis;

import dev.switchboard.core.EventCache;
import dev.switchboard.core.OutboundMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cache channels' last events as Redis strings with the channel TTL: {@code <prefix>:cache:<app>:<channel>}. */
public final class RedisEventCache implements EventCache {
  private static final Logger LOG = LoggerFactory.getLogger(RedisEventCache.class);
  private final Redis client;
  private final String prefix;

  public RedisEventCache(Vertx vertx, String url, String prefix) {
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(4)
        .setMaxPoolWaiting(10_000));
    this.prefix = prefix + ":cache:";
  }

  @Override
  public CompletionStage<Void> put(String appId, String channel, OutboundMessage m, long ttlMillis) {
    return client.send(Request.cmd(Command.SET).arg(prefix + appId + ":" + channel).arg(Buffer.buffer(m.frame()))
            .arg("PX").arg(ttlMillis))
        .onFailure(e -> LOG.atWarn().addKeyValue("app_id", appId).addKeyValue("channel", channel)
            .log("cannot store the channel's last event in Redis: {}", e.getMessage()))
        .<Void>mapEmpty()
        .toCompletionStage();
  }

  @Override
  public CompletionStage<OutboundMessage> get(String appId, String channel) {
    return client.send(Request.cmd(Command.GET).arg(prefix + appId + ":" + channel))
        .map(r -> r == null ? null : OutboundMessage.ofFrame(r.toBuffer().getBytes()))
        .toCompletionStage();
  }
}
