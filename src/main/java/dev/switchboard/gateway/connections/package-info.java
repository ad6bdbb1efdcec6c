/**
 * Authentication of the AWS-compatible {@code @connections} management API: AWS Signature Version 4 as the AWS
 * SDKs sign {@code execute-api} requests, so a backend's {@code ApiGatewayManagementApiClient} with an endpoint
 * override and static credentials (an app's key and secret) works unchanged.
 *
 * <p>Implements the canonical request of the SigV4 specification for non-S3 services ("Create a signed AWS API
 * request", AWS IAM user guide): each path segment URI-encoded twice, query sorted by encoded name then value,
 * signed headers lower-cased, sorted and trimmed. Pure computation over a {@link
 * dev.switchboard.gateway.connections.SignedRequest}: imports only the JDK, no I/O, never logs.
 */
package dev.switchboard.gateway.connections;
