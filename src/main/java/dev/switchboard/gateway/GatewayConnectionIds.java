package dev.switchboard.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API-Gateway-style connection ids ({@code R0oXAdfD0kwCH6w=}: eleven bytes in base64): four bytes name the
 * node that holds the socket (a hash of its cluster id, so any node can tell where to ask; two nodes of a
 * hundred share one with odds of about one in a million), seven are a counter started at a random value and
 * scrambled, so ids are unique per node across restarts and not guessable from a neighbour's id. The
 * URL-safe alphabet keeps an id usable in a path segment without encoding ({@code @connections/{id}}).
 */
public final class GatewayConnectionIds {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder();
  private final byte[] nodeTag;
  private final AtomicLong next;
  private final long mix;

  public GatewayConnectionIds(String nodeId) {
    this.nodeTag = tag(nodeId);
    SecureRandom r = new SecureRandom();
    this.next = new AtomicLong(r.nextLong());
    this.mix = r.nextLong() | 1L;
  }

  /** The four-byte tag of {@code nodeId}, as it appears at the start of that node's connection ids. */
  public static byte[] tag(String nodeId) {
    int h = 0x811c9dc5; // FNV-1a: stable across JVMs, unlike String.hashCode's spec-free use here
    for (byte b : nodeId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x01000193;
    }
    return new byte[] {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
  }

  public String next() {
    // an odd multiplier is a bijection modulo 2^56 too: unique like the counter, without its visible order
    long n = next.getAndIncrement() * mix;
    ByteBuffer b = ByteBuffer.allocate(11).put(nodeTag);
    for (int shift = 48; shift >= 0; shift -= 8) {
      b.put((byte) (n >>> shift));
    }
    return B64.encodeToString(b.array());
  }

  /** True when {@code connectionId} was made by the node whose tag is {@code tag}. */
  public static boolean madeBy(String connectionId, byte[] tag) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(connectionId);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return raw.length == 11 && raw[0] == tag[0] && raw[1] == tag[1] && raw[2] == tag[2] && raw[3] == tag[3];
  }
}
