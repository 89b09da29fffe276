package vn.canhbao.stream.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * Input the hazard job could not use, on its way to {@code cb.telemetry.dlq.v1}: a reading it
 * decoded but could not use ({@link #ofReading}), or a Kafka record that broke its contract ({@link
 * #undecodable}).
 *
 * @param key the Kafka key to write: {@code gatewayId/sensorId} for a reading, the original key for
 *     an undecodable record (its topic when it had none)
 * @param value the bytes to write: the reading as {@link TelemetryRecord#CODEC} JSON, or the
 *     undecodable record's original value ({@code null} when it had none)
 * @param reason why, one of the constants below, e.g. {@value #UNCONFIGURED}
 * @param field the field at fault, e.g. {@code sensor}, {@code value} or {@code readings[3].u}
 * @param detail a human-readable explanation (English), e.g. the value and the limit
 * @param rejectedAt processing time of the decision
 */
public record DeadLetter(
        String key, byte[] value, String reason, String field, String detail, Instant rejectedAt) {
    /** No site config lists the sensor (with this gateway) within the pending buffer's limits. */
    public static final String UNCONFIGURED = "unconfigured";

    /** Quality control failed the calibrated value on the gross-range test (outside the span). */
    public static final String QC_GROSS_RANGE = "qc_gross_range";

    /** The reading's quantity is not the one its sensor is configured for. */
    public static final String QUANTITY_MISMATCH = "quantity_mismatch";

    /** A Kafka record on one of the job's input topics broke its contract. */
    public static final String UNDECODABLE = "undecodable";

    /** Where these dead letters come from: the {@code cb-source} header. */
    public static final String SOURCE = "stream-jobs/hazard-job";

    public DeadLetter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
    }

    /** A reading the job decoded but cannot use, keyed by its sensor. */
    public static DeadLetter ofReading(
            TelemetryRecord reading,
            String reason,
            String field,
            String detail,
            Instant rejectedAt) {
        return new DeadLetter(
                reading.sensorKey(),
                TelemetryRecord.CODEC.encode(reading),
                reason,
                field,
                detail,
                rejectedAt);
    }

    /**
     * A Kafka record that broke its contract, with its original key and value; the detail names the
     * violation and where the record was ({@code topic partition p offset o}).
     */
    public static DeadLetter undecodable(
            String topic,
            int partition,
            long offset,
            byte[] key,
            byte[] value,
            ContractViolation violation,
            Instant rejectedAt) {
        return new DeadLetter(
                key == null ? topic : new String(key, StandardCharsets.UTF_8),
                value,
                UNDECODABLE,
                violation.field(),
                violation.getMessage()
                        + " ("
                        + topic
                        + " partition "
                        + partition
                        + " offset "
                        + offset
                        + ")",
                rejectedAt);
    }

    /** The {@code cb-reason} header: reason and detail. */
    public String reasonHeader() {
        return reason + ": " + detail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && key.equals(d.key)
                && Arrays.equals(value, d.value)
                && reason.equals(d.reason)
                && field.equals(d.field)
                && detail.equals(d.detail)
                && rejectedAt.equals(d.rejectedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), reason, field, detail);
    }

    @Override
    public String toString() {
        return "DeadLetter[key="
                + key
                + ", "
                + (value == null ? "no value" : value.length + " bytes")
                + ", "
                + reasonHeader()
                + ", field="
                + field
                + ", rejectedAt="
                + rejectedAt
                + "]";
    }
}
