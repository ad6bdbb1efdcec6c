package dev.switchboard.testing;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * ElasticMQ in this JVM on 127.0.0.1 (a free port), with an SQS client for it: region {@code elasticmq},
 * keys {@code x}/{@code x}, which it accepts as any.
 */
public final class ElasticMq implements AutoCloseable {
  private final SQSRestServer server;
  private final String endpoint;
  private final SqsAsyncClient sqs;

  public ElasticMq() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
    sqs = SqsAsyncClient.builder().region(Region.of("elasticmq")).endpointOverride(URI.create(endpoint))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
  }

  /** {@code http://127.0.0.1:port}. */
  public String endpoint() {
    return endpoint;
  }

  public SqsAsyncClient sqs() {
    return sqs;
  }

  @Override
  public void close() {
    sqs.close();
    server.stopAndWait();
  }
}
