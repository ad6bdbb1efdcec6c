/**
 * Pusher HTTP API client side: signed request building ({@link dev.switchboard.bench.http.PusherApi}) and
 * keep-alive HTTP/1.1 connections with one request in flight each ({@link dev.switchboard.bench.http.HttpLane}).
 * Imports Netty, Jackson and the signature helper of {@code client}.
 */
package dev.switchboard.bench.http;
