package vn.canhbao.registry.pending;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.PendingSensor;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.publish.SiteConfigRelay;
import vn.canhbao.registry.security.CurrentActor;
import vn.canhbao.registry.sensor.SensorBody;
import vn.canhbao.registry.sensor.SensorService;
import vn.canhbao.registry.sensor.SensorView;

/**
 * Sensors reported by ingest that the registry does not know: stores the reports, lists them, and
 * lets a technician approve one (registering the sensor on its gateway's site, which publishes the
 * site's config like any sensor change) or reject it. Both decisions are audited in their
 * transaction.
 */
@ApplicationScoped
public class PendingSensorService {
    static final int MAX_LIMIT = 1000;
    static final int MAX_REASON = 500;
    private static final Set<String> STATUSES = Set.of("pending", "approved", "rejected");

    private final Jdbc jdbc;
    private final PendingSensorRepository pending;
    private final SensorService sensors;
    private final SiteConfigRelay relay;
    private final AuditLog audit;
    private final CurrentActor actor;

    public PendingSensorService(
            Jdbc jdbc,
            PendingSensorRepository pending,
            SensorService sensors,
            SiteConfigRelay relay,
            AuditLog audit,
            CurrentActor actor) {
        this.jdbc = jdbc;
        this.pending = pending;
        this.sensors = sensors;
        this.relay = relay;
        this.audit = audit;
        this.actor = actor;
    }

    /**
     * Stores one report from ingest (idempotent).
     *
     * @return false when the sensor is already registered on that gateway (nothing stored)
     */
    public boolean report(PendingSensor report) {
        return jdbc.inTransaction(c -> pending.upsert(c, report));
    }

    /**
     * @throws ContractViolation naming {@code status}, {@code gatewayId} or {@code limit}
     */
    public List<PendingSensorView> list(String status, String gatewayId, int limit) {
        String s = status == null ? "pending" : status;
        if (!STATUSES.contains(s)) {
            throw new ContractViolation("status", s, "expected pending, approved or rejected");
        }
        Optional<GatewayId> gateway =
                gatewayId == null
                        ? Optional.empty()
                        : Optional.of(Fields.parse(gatewayId, "gatewayId", GatewayId::of));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ContractViolation("limit", limit, "expected 1 to " + MAX_LIMIT);
        }
        return jdbc.inSnapshot(c -> pending.list(c, s, gateway, limit));
    }

    /**
     * Registers the pending sensor on its gateway and marks it approved, in one transaction with
     * both audit rows; then asks the relay to publish the site's new config.
     *
     * @throws RegistryException 404 when nothing is pending under these ids, 409 when it was
     *     already approved or the sensor id is taken, 400 naming {@code gatewayId} when the gateway
     *     is unknown
     * @throws ContractViolation naming the bad field of the body
     */
    public SensorView approve(String gatewayId, String sensorId, ApproveBody body) {
        GatewayId gateway = Fields.parse(gatewayId, "gatewayId", GatewayId::of);
        SensorId sensor = Fields.parse(sensorId, "sensorId", SensorId::of);
        ApproveBody b = Fields.required(body, "body");
        String who = actor.name();
        SensorView created =
                jdbc.inTransaction(
                        c -> {
                            PendingSensorView before = locked(c, gateway, sensor);
                            if (before.status().equals("approved")) {
                                throw alreadyApproved(before);
                            }
                            SensorBody registration =
                                    b.toSensorBody(gateway, sensor, before.quantity());
                            SensorView view =
                                    sensors.insert(
                                            c,
                                            registration.toSensor(),
                                            registration.validKind(),
                                            who);
                            pending.decide(c, gateway, sensor, "approved", who, Optional.empty());
                            audit.record(
                                    c,
                                    who,
                                    "approve",
                                    "pending-sensor",
                                    before.key(),
                                    before,
                                    pending.lock(c, gateway, sensor).orElseThrow());
                            return view;
                        });
        relay.wakeUp();
        return created;
    }

    /**
     * Marks the pending sensor rejected (ignored): later reports update its counts but it leaves
     * the pending list. A rejected sensor can still be approved later.
     *
     * @throws RegistryException 404 when nothing is pending under these ids, 409 when it was
     *     already approved
     * @throws ContractViolation naming {@code reason} when it is too long
     */
    public PendingSensorView reject(String gatewayId, String sensorId, RejectBody body) {
        GatewayId gateway = Fields.parse(gatewayId, "gatewayId", GatewayId::of);
        SensorId sensor = Fields.parse(sensorId, "sensorId", SensorId::of);
        Optional<String> reason =
                Optional.ofNullable(body).map(RejectBody::reason).map(String::strip);
        if (reason.isPresent() && reason.get().length() > MAX_REASON) {
            throw new ContractViolation(
                    "reason",
                    reason.get().substring(0, 40) + "…",
                    "expected at most " + MAX_REASON + " characters");
        }
        String who = actor.name();
        return jdbc.inTransaction(
                c -> {
                    PendingSensorView before = locked(c, gateway, sensor);
                    if (before.status().equals("approved")) {
                        throw alreadyApproved(before);
                    }
                    pending.decide(c, gateway, sensor, "rejected", who, reason);
                    PendingSensorView after = pending.lock(c, gateway, sensor).orElseThrow();
                    audit.record(c, who, "reject", "pending-sensor", before.key(), before, after);
                    return after;
                });
    }

    private PendingSensorView locked(java.sql.Connection c, GatewayId gateway, SensorId sensor)
            throws java.sql.SQLException {
        return pending.lock(c, gateway, sensor)
                .orElseThrow(
                        () ->
                                RegistryException.notFound(
                                        "pending sensor", gateway.value() + "/" + sensor.value()));
    }

    private static RegistryException alreadyApproved(PendingSensorView p) {
        return RegistryException.conflict(
                "status",
                "pending sensor "
                        + p.key()
                        + " was already approved by "
                        + p.decidedBy()
                        + " at "
                        + p.decidedAt());
    }
}
