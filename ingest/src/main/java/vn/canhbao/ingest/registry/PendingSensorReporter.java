package vn.canhbao.ingest.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.PendingSensor;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.ingest.telemetry.KafkaWrite;
import vn.canhbao.ingest.telemetry.RecordSink;

/**
 * Reports sensors the registry does not know to the compacted {@code cb.sensor-pending.v1} (key
 * {@code gw/sensor}, value {@link PendingSensor}), at most once per {@code interval} per sensor:
 * the first refused reading is reported at once, later ones only update the count until the
 * interval has passed. Best effort: a failed report is logged and counted, and the next reading
 * retries; it never holds back the MQTT acknowledgement (the reading itself is in the dead-letter
 * topic). The count is per ingest instance since its start. Thread-safe.
 */
public final class PendingSensorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(PendingSensorReporter.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final RecordSink sink;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public PendingSensorReporter(RecordSink sink, Clock clock, Duration interval) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    private static final class Seen {
        final Instant firstSeen;
        long readings;
        Instant lastReported = Instant.MIN;

        Seen(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    /** One reading of an unknown sensor was refused. */
    public void unknown(GatewayId gateway, SensorId sensor, Quantity quantity) {
        Instant now = clock.instant();
        String key = gateway.value() + "/" + sensor.value();
        PendingSensor report = null;
        Seen s = seen.computeIfAbsent(key, k -> new Seen(now));
        synchronized (s) {
            s.readings++;
            if (!now.isBefore(s.lastReported.plus(interval))
                    || s.lastReported.equals(Instant.MIN)) {
                s.lastReported = now;
                report =
                        new PendingSensor(
                                gateway,
                                sensor,
                                quantity,
                                s.firstSeen,
                                now.isBefore(s.firstSeen) ? s.firstSeen : now,
                                s.readings);
            }
        }
        if (report == null) {
            return;
        }
        reports.incrementAndGet();
        sink.write(
                        new KafkaWrite(
                                KafkaTopics.SENSOR_PENDING,
                                report.key(),
                                PendingSensor.CODEC.encode(report),
                                Map.of()))
                .whenComplete(
                        (ok, e) -> {
                            if (e != null) {
                                failures.incrementAndGet();
                                synchronized (s) {
                                    s.lastReported = Instant.MIN; // retry on the next reading
                                }
                                LOG.warn(
                                        "Reporting pending sensor {} to {} failed: {}",
                                        key,
                                        KafkaTopics.SENSOR_PENDING,
                                        e.toString());
                            }
                        });
    }

    /** Reports sent (throttled). */
    public long reports() {
        return reports.get();
    }

    public long failures() {
        return failures.get();
    }
}
