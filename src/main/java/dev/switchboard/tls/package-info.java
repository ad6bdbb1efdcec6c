/**
 * TLS for the public port and, optionally, the metrics port: PEM certificate chains and private keys read
 * with the JDK alone (RSA or EC; PKCS#8, PKCS#1 or SEC1; encrypted with a passphrase or not), a Netty
 * {@code SslContext} built from them (TLS 1.2 and 1.3 only), and a poll that swaps in renewed files
 * without a restart. Imports config and Netty; nothing imports it but the server wiring and the transport.
 */
package dev.switchboard.tls;
