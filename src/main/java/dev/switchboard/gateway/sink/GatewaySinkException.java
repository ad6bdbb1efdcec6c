package dev.switchboard.gateway.sink;

/**
 * A backend did not accept a message, or a sink cannot reach its backend; travels as the cause of a failed
 * future. Its message names the sink and never contains the message body.
 */
public class GatewaySinkException extends RuntimeException {
  public GatewaySinkException(String message) {
    super(message);
  }

  public GatewaySinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
