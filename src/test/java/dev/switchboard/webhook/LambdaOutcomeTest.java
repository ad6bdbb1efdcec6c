package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which Lambda SDK failures are worth retrying: the network and time outs, not configuration faults. */
class LambdaOutcomeTest {
  @Test
  void aRefusedConnectionOrATimeoutIsRetried() {
    SdkClientException refused = SdkClientException.builder().message("Unable to execute HTTP request")
        .cause(new ConnectException("Connection refused")).build();
    assertEquals(Outcome.Kind.RETRY, LambdaWebhookTransport.classify(new CompletionException(refused)).kind());
    assertEquals(Outcome.Kind.RETRY,
        LambdaWebhookTransport.classify(ApiCallTimeoutException.create(1000)).kind());
  }

  @Test
  void missingCredentialsAreRefusedWithAClearReason() {
    SdkClientException creds = SdkClientException.create("Unable to load credentials from any of the providers");
    Outcome o = LambdaWebhookTransport.classify(new CompletionException(creds));
    assertEquals(Outcome.Kind.REJECTED, o.kind());
    assertEquals(true, o.detail().startsWith("Lambda client configuration: "), o.detail());
  }
}
