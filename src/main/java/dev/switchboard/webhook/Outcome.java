package dev.switchboard.webhook;

/** The result of one delivery attempt. */
record Outcome(Kind kind, String detail) {
  enum Kind {
    /** The receiver took it (2xx, or Lambda accepted it). */
    DELIVERED,
    /** Worth trying again: network error, timeout, 408, 429, 5xx, Lambda throttling. */
    RETRY,
    /** Refused for good (other 4xx, 3xx, a Lambda function error or misconfiguration): retrying cannot help. */
    REJECTED
  }

  static final Outcome DELIVERED = new Outcome(Kind.DELIVERED, "delivered");

  static Outcome retry(String why) {
    return new Outcome(Kind.RETRY, why);
  }

  static Outcome rejected(String why) {
    return new Outcome(Kind.REJECTED, why);
  }

  /** Pusher's rule for HTTP receivers: 2xx delivered; 408, 429 and 5xx retried; anything else refused. */
  static Outcome ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return DELIVERED;
    }
    String why = "HTTP " + status;
    return status == 408 || status == 429 || status >= 500 ? retry(why) : rejected(why);
  }
}
