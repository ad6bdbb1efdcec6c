package dev.switchboard.gateway;

import dev.switchboard.core.AppRuntime;

/**
 * What admitting a gateway upgrade established: the app (its connection already counted against its quota)
 * and the user its token named (null when auth is off).
 */
record GatewayTicket(AppRuntime app, String userId, String clientIp) {}
