package vn.canhbao.edge.adapter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one adapter's counters for the health heartbeat.
 *
 * @param adapter the adapter's name
 * @param up listening (servers) or connected to its peer (clients)
 * @param accepted samples handed to the sink
 * @param rejected inputs refused as bad (each also went to {@link SampleSink#reject})
 * @param sinkFailures samples the sink refused to take (the sensor was told to retry)
 * @param lastAcceptedAt when the last sample was handed over, if any
 */
public record AdapterStats(
        String adapter,
        boolean up,
        long accepted,
        long rejected,
        long sinkFailures,
        Optional<Instant> lastAcceptedAt) {
    public AdapterStats {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(lastAcceptedAt, "lastAcceptedAt");
    }
}
