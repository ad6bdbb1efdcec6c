/**
 * The gateway dialect: what an AWS API Gateway WebSocket stage with a JWT authorizer and SUMU's routes
 * gives a backend, served by one process. Clients connect to {@code ws <gateway.path>[/{app-key}]} with a
 * JWT, send {@code {"action":...}} frames that are routed to backend sinks ({@code sink} sub-package), and
 * their users' first and last sockets anywhere in the cluster become ONLINE/OFFLINE presence events.
 *
 * <p>May import {@code core}, {@code transport}, {@code auth}, {@code app} (the store SPI), {@code config}
 * and {@code ratelimit}; never another dialect. Follows API Gateway's documented behaviour for route
 * selection ({@code $request.body.action}, {@code $default}), refusals, close codes and limits.
 */
package dev.switchboard.gateway;
