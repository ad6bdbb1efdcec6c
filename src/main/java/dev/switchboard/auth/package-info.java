/**
 * JWT verification shared by the dialects that take a token at the WebSocket upgrade (gateway, signaling):
 * signatures by a shared HMAC secret or by public keys from a key URL, either an RFC 7517 JWK Set or the
 * Firebase/Google map of key id to X.509 certificate (fetched with the Vert.x HTTP client, cached per the
 * key server's {@code Cache-Control} within a configured TTL, refetched once when an unknown key id appears,
 * kept while the key server is down); the registered claims of RFC 7519 ({@code exp}, {@code nbf},
 * {@code aud} with Cognito's {@code client_id} fallback, {@code iss}); and taking the token from a query
 * parameter or an {@code Authorization: Bearer} header. Refusals are {@link dev.switchboard.auth.AuthException}s
 * whose kind maps to an HTTP status. Nothing here blocks an event loop.
 *
 * <p>Imports config, nimbus-jose-jwt, Vert.x core, Netty's codec and SLF4J; never core, a driver or a dialect.
 * Dialect-specific claims (signaling's topics) are read by the dialect from the verified claims.
 */
package dev.switchboard.auth;
