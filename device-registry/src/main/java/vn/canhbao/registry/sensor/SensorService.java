package vn.canhbao.registry.sensor;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.gateway.GatewayRepository;
import vn.canhbao.registry.publish.SiteConfigRelay;
import vn.canhbao.registry.security.CurrentActor;
import vn.canhbao.registry.site.SiteRepository;

/**
 * Registers and reads sensors. Adding a sensor is a change of its gateway's site (version bump).
 */
@ApplicationScoped
public class SensorService {
    private final Jdbc jdbc;
    private final SensorRepository sensors;
    private final GatewayRepository gateways;
    private final SiteRepository sites;
    private final SiteConfigRelay relay;
    private final AuditLog audit;
    private final CurrentActor actor;

    public SensorService(
            Jdbc jdbc,
            SensorRepository sensors,
            GatewayRepository gateways,
            SiteRepository sites,
            SiteConfigRelay relay,
            AuditLog audit,
            CurrentActor actor) {
        this.audit = audit;
        this.actor = actor;
        this.jdbc = jdbc;
        this.sensors = sensors;
        this.gateways = gateways;
        this.sites = sites;
        this.relay = relay;
    }

    /**
     * @throws vn.canhbao.contracts.ContractViolation 400, naming the bad field
     * @throws RegistryException 409 when the id is taken, 400 when the gateway does not exist
     */
    public SensorView create(SensorBody body) {
        SensorConfig sensor = Fields.required(body, "body").toSensor();
        Optional<String> kind = body.validKind();
        SensorView created = jdbc.inTransaction(c -> insert(c, sensor, kind, actor.name()));
        relay.wakeUp();
        return created;
    }

    /**
     * Registers a sensor in the caller's transaction: bumps its site's version (so the change is
     * published on {@code cb.site-config.v1} once the transaction commits and the relay runs; call
     * {@link SiteConfigRelay#wakeUp()} after the commit) and writes the audit row.
     *
     * @throws RegistryException 409 when the id is taken, 400 naming {@code gatewayId} when the
     *     gateway does not exist
     */
    public SensorView insert(
            Connection c, SensorConfig sensor, Optional<String> kind, String actorName)
            throws SQLException {
        SiteId site =
                gateways.siteOf(c, sensor.gateway())
                        .orElseThrow(
                                () ->
                                        RegistryException.unknownReference(
                                                "gatewayId", "gateway", sensor.gateway()));
        sites.bumpVersion(c, site);
        sensors.insert(c, sensor, kind);
        SensorView after = sensors.find(c, sensor.sensor()).orElseThrow();
        audit.record(c, actorName, "create", "sensor", sensor.sensor().value(), null, after);
        return after;
    }

    /**
     * @throws RegistryException 404 when there is no such sensor
     */
    public SensorView get(String id) {
        SensorId sensorId = Fields.parse(id, "id", SensorId::of);
        return jdbc.readOne(c -> sensors.find(c, sensorId))
                .orElseThrow(() -> RegistryException.notFound("sensor", sensorId));
    }
}
