package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Slowloris defence, ahead of the HTTP codec of a connection that has not upgraded: a request head must be
 * complete within the deadline counted from the accept (first request) or from the first byte of a keep-alive
 * request, else the client gets 408 and the connection closes; an address already holding too many unfinished
 * heads gets 429 on connect. An idle keep-alive connection has no deadline. Leaves the pipeline with the HTTP
 * codec when the connection upgrades. Loop only.
 */
final class RequestHeadGuard extends ChannelInboundHandlerAdapter {
  static final String NAME = "head-guard";
  private final HeadDeadlines deadlines;
  private final VertxLoop loop;
  private InetAddress ip;
  private Channel channel;
  /** The head being waited for, or null between requests and while a request's body and answer run. */
  private HeadDeadlines.Ticket ticket;
  /** True after a keep-alive answer went out and before the next request's first byte. */
  private boolean waitingForRequest;

  RequestHeadGuard(HeadDeadlines deadlines, VertxLoop loop) {
    this.deadlines = deadlines;
    this.loop = loop;
  }

  InetAddress ip() {
    return ip;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    ip = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    if (ip == null) {
      ip = InetAddress.getLoopbackAddress(); // a non-IP socket: one shared bucket
    }
    if (deadlines.pending().full(ip)) {
      ctx.channel().config().setAutoRead(false);
      HttpInboundHandler.refuse(channel, loop, 429, "Too many unfinished requests from this address");
      return;
    }
    ticket = deadlines.arm(this);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (ticket == null && waitingForRequest && msg instanceof ByteBuf b && b.isReadable()) {
      waitingForRequest = false;
      ticket = deadlines.arm(this); // a keep-alive request starts: its head has the same deadline
    }
    ctx.fireChannelRead(msg);
  }

  /** The HTTP codec produced a request head: no deadline until the answer is out. */
  void headComplete() {
    if (ticket != null) {
      deadlines.disarm(ticket);
      ticket = null;
    }
    waitingForRequest = false;
  }

  /** The answer to a keep-alive request is out: the next request's deadline starts with its first byte. */
  void awaitNext() {
    if (ticket == null) {
      waitingForRequest = true;
    }
  }

  void timedOut() {
    if (channel.isActive()) {
      channel.config().setAutoRead(false);
      HttpInboundHandler.refuse(channel, loop, 408, "The request head did not arrive in time");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    headComplete();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    headComplete(); // an upgrade took the connection off HTTP
  }
}
