package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server side of the RFC 6455 §4.2 opening handshake, version 13 (every browser and SDK since 2011):
 * checks the request's key and version and writes the 101 answer as ready-made bytes, so the HTTP codec can
 * leave the pipeline at once and the socket needs no WebSocket decoder or encoder handlers.
 */
final class WsHandshake {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  });

  private WsHandshake() {}

  /** Why the upgrade request cannot be answered with 101, or null when it can. */
  static String problem(String method, HttpHeaders headers) {
    if (!"GET".equals(method)) {
      return "A WebSocket upgrade must be a GET request";
    }
    String key = headers.get("Sec-WebSocket-Key");
    if (key == null || key.isBlank()) {
      return "Missing Sec-WebSocket-Key header";
    }
    return null;
  }

  /** True when the client speaks version 13; others are answered 426 with the version we speak. */
  static boolean supportedVersion(HttpHeaders headers) {
    return "13".equals(headers.get("Sec-WebSocket-Version"));
  }

  /** The 101 Switching Protocols response for {@code key} (the request's Sec-WebSocket-Key). */
  static ByteBuf response(ByteBufAllocator alloc, String key) {
    String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n";
    byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
    return alloc.buffer(bytes.length).writeBytes(bytes);
  }

  /** RFC 6455 §4.2.2: base64 of the SHA-1 of the key and the protocol's GUID. */
  static String accept(String key) {
    byte[] digest = SHA1.get().digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
    return Base64.getEncoder().encodeToString(digest);
  }
}
