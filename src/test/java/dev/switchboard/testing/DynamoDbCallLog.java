package dev.switchboard.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the DynamoDB operations sent by every AWS SDK client in the test JVM (a global interceptor, named in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so a test can check which calls the
 * server makes (an IAM policy with GetItem and Query only must be enough). Only requests to the port set with
 * {@link #watch} are recorded, and none while {@link #paused} is set.
 */
public final class DynamoDbCallLog implements ExecutionInterceptor {
  private static final Set<String> OPERATIONS = ConcurrentHashMap.newKeySet();
  private static volatile int port = -1;
  private static volatile boolean paused;

  /** Records from now on the operations sent to {@code watchedPort} (-1: none), forgetting earlier ones. */
  public static void watch(int watchedPort) {
    port = watchedPort;
  }

  /** Stops recording while another client (e.g. the apps command) talks to the watched port. */
  public static void paused(boolean on) {
    paused = on;
  }

  public static Set<String> operations() {
    return Set.copyOf(OPERATIONS);
  }

  public static void clear() {
    OPERATIONS.clear();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (!paused && context.httpRequest().port() == port) {
      OPERATIONS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  }
}
