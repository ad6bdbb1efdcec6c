/**
 * Signaling's part of JWT auth: its config section ({@code signaling.auth.*}) and the optional claim that
 * lists the topics a token may use. Tokens themselves are verified by the shared {@code dev.switchboard.auth}.
 */
package dev.switchboard.signaling.auth;
