package dev.switchboard.webhook;

import java.net.URI;

/**
 * An AWS Lambda function to invoke instead of a URL.
 *
 * @param function name or ARN (soketi's {@code lambda_function}, Sockudo's {@code lambda.function_name})
 * @param async soketi's {@code lambda.async}: true invokes with InvocationType Event, false RequestResponse
 * @param region {@code lambda.region} (or soketi's top-level {@code region}), default us-east-1
 * @param endpoint {@code lambda.client_options.endpoint}: another Lambda API endpoint, or null
 * @param accessKeyId {@code lambda.client_options.credentials.accessKeyId}, or null for the standard AWS chain
 * @param secretAccessKey the matching secret, or null
 */
public record LambdaTarget(String function, boolean async, String region, URI endpoint, String accessKeyId,
    String secretAccessKey) {
  @Override
  public String toString() {
    // never print the secret
    return "LambdaTarget[function=" + function + ", async=" + async + ", region=" + region + ", endpoint="
        + endpoint + "]";
  }
}
