package vn.canhbao.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * One validated reading as the consumers of {@code cb.telemetry.v1} see it, after unpacking a
 * {@link TelemetryPack} (the record value on Kafka, one per gateway message). Keyed downstream by
 * {@link #sensorKey()}.
 *
 * @param gateway the gateway that sent the reading
 * @param sensor the sensor that measured it
 * @param quantity what was measured
 * @param unit the SenML unit, always {@code quantity.unit()}
 * @param value the measured value
 * @param time measurement time (UTC)
 * @param seq the gateway's sequence number: (gateway, seq) identifies the reading
 * @param receivedAt when ingest accepted it (UTC)
 */
public record TelemetryRecord(
        GatewayId gateway,
        SensorId sensor,
        Quantity quantity,
        String unit,
        double value,
        Instant time,
        long seq,
        Instant receivedAt) {

    public static final JsonCodec<TelemetryRecord> CODEC = new JsonCodec<>(TelemetryRecord.class);

    public TelemetryRecord {
        // Re-validate through Reading so a hand-written Kafka record meets the same contract.
        Reading.check(gateway, sensor, quantity, value, time, seq);
        if (!quantity.unit().equals(unit)) {
            throw new ContractViolation(
                    "unit", unit, "unit of " + quantity.wireName() + " must be " + quantity.unit());
        }
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public static TelemetryRecord of(Reading r, Instant receivedAt) {
        return new TelemetryRecord(
                r.gateway(),
                r.sensor(),
                r.quantity(),
                r.quantity().unit(),
                r.value(),
                r.time(),
                r.seq(),
                receivedAt);
    }

    public Reading reading() {
        return new Reading(gateway, sensor, quantity, value, time, seq);
    }

    public String sensorKey() {
        return gateway.value() + "/" + sensor.value();
    }
}
