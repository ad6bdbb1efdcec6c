package dev.switchboard.gateway.sink.sqs;

import dev.switchboard.config.ConfigException;
import dev.switchboard.gateway.sink.SinkConfig;
import java.net.URI;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/**
 * The SQS fields the gateway's sink and source share, and the client they build from them: {@code queue_url}
 * (required), {@code region} (default us-east-1), {@code endpoint} (ElasticMQ, LocalStack; default AWS),
 * {@code access_key_id} and {@code secret_access_key} (both or neither; neither = the AWS default credentials
 * chain).
 */
public record SqsClientSettings(URI queueUrl, String region, URI endpoint, String accessKeyId,
    String secretAccessKey) {
  /** Reads the fields above from {@code c}, in that order. */
  public static SqsClientSettings from(SinkConfig c) {
    Set<String> http = Set.of("http", "https");
    URI queueUrl = c.url("queue_url", null, http);
    String region = c.string("region", "us-east-1");
    if (!region.matches("[a-z0-9-]{1,64}")) {
      throw ConfigException.invalid(c.path("region"), region, "an AWS region name such as us-east-1");
    }
    URI endpoint = c.node("endpoint") == null ? null : c.url("endpoint", null, http);
    String key = c.string("access_key_id", "");
    String secret = c.string("secret_access_key", "");
    if (key.isEmpty() != secret.isEmpty()) {
      throw ConfigException.invalid(c.path(key.isEmpty() ? "access_key_id" : "secret_access_key"), "(missing)",
          "access_key_id and secret_access_key together, or neither for the AWS default chain");
    }
    return new SqsClientSettings(queueUrl, region, endpoint, key, secret);
  }

  /**
   * A client builder with the region, the Netty transport, the endpoint and the credentials set. Call it on a
   * worker thread: the SDK reads profile files for the default credentials.
   */
  public SqsAsyncClientBuilder builder() {
    SqsAsyncClientBuilder b = SqsAsyncClient.builder().region(Region.of(region))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder());
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    return b.credentialsProvider(accessKeyId.isEmpty() ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
  }
}
