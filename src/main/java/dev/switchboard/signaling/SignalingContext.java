package dev.switchboard.signaling;

/** What the message handlers share: the signaling limits and the counters. One instance per server. */
record SignalingContext(SignalingConfig config, SignalingStats stats) {}
