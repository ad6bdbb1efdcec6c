package dev.switchboard.transport;

import io.vertx.core.Future;

/**
 * A dialect's answer to an upgrade request: accepted (status 0) with an optional ticket that the dialect gets
 * back when the socket is attached, or refused with an HTTP status and a JSON body.
 *
 * @param status 0 to accept, else the HTTP status of the refusal
 * @param body the refusal's JSON body (null when accepted)
 * @param ticket what the dialect learned while admitting (a verified token, an app); may be null
 * @param onRelease undoes a reservation made while admitting when the socket never opens; may be null
 */
public record Admission(int status, String body, Object ticket, Runnable onRelease) {
  private static final Admission ACCEPTED = new Admission(0, null, null, null);
  /** The common answer, allocated once: the Pusher dialect admits every upgrade at its path. */
  public static final Future<Admission> ACCEPT = Future.succeededFuture(ACCEPTED);

  public static Admission accept(Object ticket, Runnable onRelease) {
    return new Admission(0, null, ticket, onRelease);
  }

  /** A refusal with the transport's usual body, {@code {"error":message,"code":status}}. */
  public static Admission refuse(int status, String message) {
    return new Admission(status, "{\"error\":\"" + message.replace("\"", "'") + "\",\"code\":" + status + "}",
        null, null);
  }

  /** A refusal with a JSON body of the dialect's own. */
  public static Admission refuseWith(int status, String jsonBody) {
    return new Admission(status, jsonBody, null, null);
  }

  public boolean accepted() {
    return status == 0;
  }

  /** Gives back what admitting reserved; the transport calls it once when the socket does not open. */
  public void release() {
    if (onRelease != null) {
      onRelease.run();
    }
  }
}
