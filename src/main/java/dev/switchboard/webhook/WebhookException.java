package dev.switchboard.webhook;

/** A webhook definition that cannot be used, or a job that cannot be read. */
public class WebhookException extends RuntimeException {
  public WebhookException(String message) {
    super(message);
  }
}
