package dev.switchboard.bench.scenario;

import dev.switchboard.bench.Scenario;
import java.util.List;

/** The scenario registry: the only place that names every scenario class. */
public final class Scenarios {
    private static final List<Scenario> ALL = List.of(new S1IdleMemory(), new S2SmallFanout(), new S3aLargeFanout(),
            new S3bBatchFanout(), new S4HttpApi(), new S5PresenceChurn(), new S6ConnectStorm(),
            new S7SlowConsumers(), new G1GatewayConnectStorm(), new G2GatewaySend(), new G3GatewayNotify(),
            new G4PostToConnection());

    private Scenarios() {}

    public static Scenario byId(String id) {
        return ALL.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown scenario '" + id + "'; one of "
                        + ALL.stream().map(Scenario::id).toList()));
    }

    public static List<Scenario> all() {
        return ALL;
    }
}
