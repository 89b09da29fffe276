package vn.canhbao.stream.gateway;

import java.util.List;
import java.util.Objects;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * Readings of one sensor that arrived before any site config listed it, in arrival order, held
 * until the config arrives or the buffer outlives its limit.
 *
 * @param due processing time at which the buffer is given up (its timer)
 * @param readings at most {@code PendingLimits.maxReadings()}, oldest first
 */
public record PendingBuffer(long due, List<TelemetryRecord> readings) {
    public PendingBuffer {
        readings = List.copyOf(Objects.requireNonNull(readings, "readings"));
    }
}
