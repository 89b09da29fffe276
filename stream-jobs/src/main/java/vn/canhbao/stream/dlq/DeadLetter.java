package vn.canhbao.stream.dlq;

import java.time.Instant;
import java.util.Objects;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * A reading the hazard job could not use, on its way to {@code cb.telemetry.dlq.v1}.
 *
 * @param reading the reading
 * @param reason why, one of the constants below, e.g. {@value #UNCONFIGURED}
 * @param field the field at fault, e.g. {@code sensor} or {@code value}
 * @param detail a human-readable explanation (English), e.g. the value and the limit
 * @param rejectedAt processing time of the decision
 */
public record DeadLetter(
        TelemetryRecord reading, String reason, String field, String detail, Instant rejectedAt) {
    /** No site config lists the sensor (with this gateway) within the pending buffer's limits. */
    public static final String UNCONFIGURED = "unconfigured";

    /** Quality control failed the calibrated value on the gross-range test (outside the span). */
    public static final String QC_GROSS_RANGE = "qc_gross_range";

    /** The reading's quantity is not the one its sensor is configured for. */
    public static final String QUANTITY_MISMATCH = "quantity_mismatch";

    /** Where these dead letters come from: the {@code cb-source} header. */
    public static final String SOURCE = "stream-jobs/hazard-job";

    public DeadLetter {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
    }

    /** The {@code cb-reason} header: reason and detail. */
    public String reasonHeader() {
        return reason + ": " + detail;
    }
}
