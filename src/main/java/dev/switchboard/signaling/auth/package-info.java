/**
 * JWT checks for the signaling dialect: signatures by a shared HMAC secret or by keys from a JWKS URL
 * (fetched with the Vert.x HTTP client, cached, refreshed once when an unknown key id appears), the
 * {@code exp}/{@code nbf}/{@code aud}/{@code iss} claims (RFC 7519), and the optional claim that lists the
 * topics a token may use. Nothing here blocks an event loop.
 */
package dev.switchboard.signaling.auth;
