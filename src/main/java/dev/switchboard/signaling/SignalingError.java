package dev.switchboard.signaling;

/**
 * Why the server closes a signaling socket: the close code and the text of the {@code {type:"error"}}
 * frame sent just before. Codes follow the Pusher ranges Switchboard uses everywhere: 4000–4099 the client
 * must change something before reconnecting; 4100–4199 reconnect with back-off; 4200–4299 reconnect now.
 * 1009 is RFC 6455's "message too big". (y-webrtc reconnects with back-off whatever the code.)
 */
public record SignalingError(int code, String message) {
  public static final SignalingError MESSAGE_TOO_BIG = new SignalingError(1009, "Message too big");
  public static final SignalingError APP_DISABLED = new SignalingError(4003, "The app is disabled.");
  public static final SignalingError OVER_QUOTA =
      new SignalingError(4100, "The current concurrent connections quota has been reached.");
  public static final SignalingError STORE_UNAVAILABLE =
      new SignalingError(4100, "The app store is unavailable, try again later.");
  public static final SignalingError SLOW_CONSUMER = new SignalingError(4100, "Slow consumer: outbound buffer full.");
  public static final SignalingError SHUTTING_DOWN = new SignalingError(4200, "Server is shutting down, reconnect.");

  /** The token was missing or refused; {@code why} is safe to show. */
  public static SignalingError unauthorized(String why) {
    return new SignalingError(4009, "Unauthorized: " + why);
  }

  /** The token could not be checked because the signing keys are unavailable. */
  public static SignalingError authUnavailable(String why) {
    return new SignalingError(4100, "Unauthorized: " + why);
  }

  /** {@code message} cut to fit a close frame, whose reason may hold 123 bytes (RFC 6455 §5.5). */
  static String closeReason(String message) {
    byte[] b = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (b.length <= 123) {
      return message;
    }
    String cut = message.substring(0, Math.min(message.length(), 120));
    while (cut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 120) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "...";
  }
}
