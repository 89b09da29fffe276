package vn.canhbao.stream.gateway;

import java.util.List;
import java.util.Objects;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * Readings of one sensor that arrived before any site config listed it, in arrival order, held
 * until the config arrives or the buffer outlives its limit.
 *
 * @param due processing time at which the buffer is given up if no config lists the sensor
 * @param check processing time of the buffer's timer, at most a second away while it waits: then it
 *     is replayed if a config lists the sensor by now, given up at {@code due}, or looked at again
 *     a second later
 * @param readings at most {@code PendingLimits.maxReadings()}, oldest first
 */
public record PendingBuffer(long due, long check, List<TelemetryRecord> readings) {
    public PendingBuffer {
        readings = List.copyOf(Objects.requireNonNull(readings, "readings"));
    }
}
