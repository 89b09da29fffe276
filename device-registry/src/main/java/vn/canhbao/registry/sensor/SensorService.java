package vn.canhbao.registry.sensor;

import jakarta.enterprise.context.ApplicationScoped;
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
        SensorView created =
                jdbc.inTransaction(
                        c -> {
                            SiteId site =
                                    gateways.siteOf(c, sensor.gateway())
                                            .orElseThrow(
                                                    () ->
                                                            RegistryException.unknownReference(
                                                                    "gatewayId",
                                                                    "gateway",
                                                                    sensor.gateway()));
                            sites.bumpVersion(c, site);
                            sensors.insert(c, sensor, kind);
                            SensorView after = sensors.find(c, sensor.sensor()).orElseThrow();
                            audit.record(
                                    c,
                                    actor.name(),
                                    "create",
                                    "sensor",
                                    sensor.sensor().value(),
                                    null,
                                    after);
                            return after;
                        });
        relay.wakeUp();
        return created;
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
