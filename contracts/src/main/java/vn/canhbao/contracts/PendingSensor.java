package vn.canhbao.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A sensor that sends readings but is not (yet) known to the registry: the value of a {@code
 * cb.sensor-pending.v1} record (compacted, key {@code gatewayId/sensorId}). Ingest reports it; the
 * registry lists it as pending for a technician to approve or reject.
 *
 * @param gateway the gateway it reports through
 * @param sensor its id as sent
 * @param quantity what it claims to measure
 * @param firstSeen when ingest first saw it (UTC)
 * @param lastSeen when ingest last saw it (UTC)
 * @param readings how many readings ingest has refused from it so far
 */
public record PendingSensor(
        GatewayId gateway,
        SensorId sensor,
        Quantity quantity,
        Instant firstSeen,
        Instant lastSeen,
        long readings) {

    public static final JsonCodec<PendingSensor> CODEC = new JsonCodec<>(PendingSensor.class);

    public PendingSensor {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (lastSeen.isBefore(firstSeen)) {
            throw new ContractViolation(
                    "lastSeen", lastSeen, "must not be before firstSeen " + firstSeen);
        }
        if (readings < 1) {
            throw new ContractViolation("readings", readings, "expected at least 1");
        }
    }

    /** The Kafka key: {@code gatewayId/sensorId}. */
    public String key() {
        return gateway.value() + "/" + sensor.value();
    }
}
