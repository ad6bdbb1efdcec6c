package dev.switchboard.transport;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * A server connection without a socket: the production pipeline (HTTP codec, then {@link HttpInboundHandler},
 * which upgrades to {@link WsFrameHandler}) on an {@link EmbeddedChannel}, so a test writes the client's bytes
 * and reads the server's. Tasks run when the test asks ({@link EmbeddedChannel#runPendingTasks()}).
 */
public final class EmbeddedHttp {
  private EmbeddedHttp() {}

  public static EmbeddedChannel connect(ServerRoutes routes, int bodyLimit, int maxMessageBytes) {
    EmbeddedChannel ch = new EmbeddedChannel();
    VertxLoop loop = new VertxLoop(0, ch.eventLoop());
    ch.pipeline().addLast(new HttpServerCodec(), new HttpInboundHandler(routes, loop, bodyLimit, maxMessageBytes));
    return ch;
  }
}
