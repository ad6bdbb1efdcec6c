package dev.switchboard.pusher;

/**
 * A {@code pusher:error} code and message. Code ranges tell the client what to do (Pusher protocol):
 * 4000–4099 close and do not reconnect; 4100–4199 reconnect with back-off; 4200–4299 reconnect now;
 * 4300–4399 the socket stays open, the message was refused.
 */
public record PusherError(int code, String message) {
  /** The app key names no app. */
  public static PusherError unknownApp(String key) {
    return new PusherError(4001, "App key " + key + " does not exist.");
  }

  public static final PusherError APP_DISABLED = new PusherError(4003, "The app is disabled.");
  public static final PusherError UNSUPPORTED_PROTOCOL = new PusherError(4007, "Unsupported protocol version.");
  public static final PusherError ORIGIN_NOT_ALLOWED = new PusherError(4009, "Origin not allowed.");
  public static final PusherError SIGNIN_FAILED = new PusherError(4009, "Connection not authorized.");
  public static final PusherError SIGNIN_TIMEOUT =
      new PusherError(4009, "Connection not authorized within timeout.");
  public static final PusherError TERMINATED = new PusherError(4009, "You got disconnected by the app.");
  public static final PusherError OVER_QUOTA =
      new PusherError(4100, "The current concurrent connections quota has been reached.");
  public static final PusherError STORE_UNAVAILABLE =
      new PusherError(4100, "The app store is unavailable, try again later.");
  public static final PusherError SLOW_CONSUMER = new PusherError(4100, "Slow consumer: outbound buffer full.");
  public static final PusherError SHUTTING_DOWN = new PusherError(4200, "Server is shutting down, reconnect.");
  public static final PusherError PONG_TIMEOUT = new PusherError(4201, "Pong reply not received in time.");

  /** A malformed or unsupported frame; the socket stays open. */
  public static PusherError badMessage(String why) {
    return new PusherError(4300, why);
  }

  /** A client event that breaks a rule or a limit; the socket stays open. */
  public static PusherError clientEventRejected(String why) {
    return new PusherError(4301, why);
  }

  /** True when the server closes the socket after sending this error. */
  public boolean closes() {
    return code < 4300;
  }
}
