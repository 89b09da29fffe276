package vn.canhbao.ingest.telemetry;

import java.util.Objects;
import vn.canhbao.contracts.Reading;

/**
 * A well-formed reading refused on its own, while the rest of its message may pass.
 *
 * @param reading the reading
 * @param reason a counter label: {@link #UNKNOWN_SENSOR}, {@link #QUANTITY_MISMATCH}, {@link
 *     #TIME_FUTURE} or {@link #TIME_PAST}
 * @param detail the human-readable reason (field, value, expectation)
 */
public record RejectedReading(Reading reading, String reason, String detail) {
    public static final String UNKNOWN_SENSOR = "unknown_sensor";
    public static final String QUANTITY_MISMATCH = "quantity_mismatch";
    public static final String TIME_FUTURE = "time_future";
    public static final String TIME_PAST = "time_past";

    public RejectedReading {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
