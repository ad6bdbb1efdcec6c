package dev.switchboard.pusher;

import dev.switchboard.config.ServerConfig;

/** What the message handlers share: the server config. One instance per server. */
record PusherContext(ServerConfig config) {}
