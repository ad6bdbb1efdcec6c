/**
 * The Pusher Channels WebSocket dialect, protocol 5–7
 * (https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol/):
 * frame codec, one handler per client message kind, signatures and the {@link
 * dev.switchboard.pusher.PusherError} codes. Imports core, app and transport; never a database or broker.
 */
package dev.switchboard.pusher;
