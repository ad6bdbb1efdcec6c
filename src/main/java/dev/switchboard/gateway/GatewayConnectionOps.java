package dev.switchboard.gateway;

import dev.switchboard.core.OutboundMessage;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * What the management API does to a connection wherever it is: on this node through the registry, on
 * another through the cluster. A connection of another app, or one that is closed or unknown anywhere,
 * is absent ({@code GONE}, empty, false).
 */
interface GatewayConnectionOps {
  Future<GatewayRegistry.Posted> post(String appId, String connectionId, OutboundMessage frame);

  Future<Optional<GatewayRegistry.Info>> info(String appId, String connectionId);

  Future<Boolean> delete(String appId, String connectionId);
}
