package dev.switchboard.pusher;

import dev.switchboard.config.ClientLimits;
import dev.switchboard.ratelimit.IpConnectionCounter;
import dev.switchboard.ratelimit.IpConnectionLimiter;
import dev.switchboard.transport.Admission;
import dev.switchboard.transport.UpgradeRequest;
import dev.switchboard.transport.VertxLoop;
import dev.switchboard.transport.WsSocket;
import io.vertx.core.Future;

/**
 * {@code max_connections_per_ip} and {@code max_connections_per_ip_per_second} for {@code /app/{key}}, both off by
 * default. Checked at the upgrade, but a refusal is answered inside the socket as {@code pusher:error} 4100 then
 * close, as for a full app: pusher-js reads 4100 as "back off and retry on the same transport", while a refused
 * handshake (HTTP 429) is to it a broken WebSocket transport, which sends browsers to the fallback transports.
 */
final class PusherIpLimits {
  static final PusherError TOO_MANY = new PusherError(4100, "Too many connections from this address.");
  static final PusherError TOO_FAST = new PusherError(4100, "Connecting too fast from this address.");
  private static final Future<Admission> REFUSE_COUNT = Future.succeededFuture(Admission.accept(TOO_MANY, null));
  private static final Future<Admission> REFUSE_RATE = Future.succeededFuture(Admission.accept(TOO_FAST, null));
  private final String ipHeader;
  private final IpConnectionCounter open;
  private final IpConnectionLimiter rate;

  PusherIpLimits(ClientLimits limits, VertxLoop[] loops) {
    this.ipHeader = limits.ipHeader();
    this.open = new IpConnectionCounter(limits.maxConnectionsPerIp());
    this.rate = limits.maxConnectionsPerIpPerSecond() < 0 ? null
        : new IpConnectionLimiter(limits.maxConnectionsPerIpPerSecond());
    if (rate != null) {
      loops[0].every(10_000, rate::evictIdle);
    }
  }

  /** The upgrade's answer: accepted, with a ticket that is either the counted IP or the refusal to send. */
  Future<Admission> admit(UpgradeRequest r) {
    if (rate == null && !open.limited()) {
      return Admission.ACCEPT;
    }
    String ip = r.clientIp(ipHeader);
    if (rate != null && !rate.tryAcquire(ip)) {
      return REFUSE_RATE;
    }
    if (!open.limited()) {
      return Admission.ACCEPT;
    }
    if (!open.tryAcquire(ip)) {
      return REFUSE_COUNT;
    }
    return Future.succeededFuture(Admission.accept(new Counted(ip), () -> open.release(ip)));
  }

  /**
   * The refusal {@code admitted} carries, or null; an admitted, counted socket gives its IP back when it
   * closes, whatever closes it.
   */
  PusherError attach(WsSocket ws, Admission admitted) {
    if (admitted.ticket() instanceof PusherError refused) {
      return refused;
    }
    if (admitted.ticket() instanceof Counted c) {
      ws.frameContext().channel().closeFuture().addListener(f -> open.release(c.ip()));
    }
    return null;
  }

  private record Counted(String ip) {}
}
