package vn.canhbao.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.PendingSensor;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.ingest.telemetry.KafkaWrite;

class PendingSensorReporterTest {
    private static final GatewayId GW = GatewayId.of("gw-ta-van");
    private static final SensorId NEW_SENSOR = SensorId.of("rg-moi");

    private final List<KafkaWrite> writes = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"));
    private final PendingSensorReporter reporter =
            new PendingSensorReporter(
                    w -> {
                        writes.add(w);
                        return CompletableFuture.completedFuture(null);
                    },
                    clock,
                    Duration.ofMinutes(1));

    @Test
    void firstReadingIsReportedAtOnceThenAtMostOncePerIntervalWithTheCount() {
        // when 3 readings within the interval, then one more after it
        reporter.unknown(GW, NEW_SENSOR, Quantity.RAIN);
        clock.now = clock.now.plusSeconds(10);
        reporter.unknown(GW, NEW_SENSOR, Quantity.RAIN);
        reporter.unknown(GW, NEW_SENSOR, Quantity.RAIN);
        clock.now = clock.now.plusSeconds(60);
        reporter.unknown(GW, NEW_SENSOR, Quantity.RAIN);

        // then two reports on the compacted topic, keyed gw/sensor, the second with the count
        assertThat(writes).hasSize(2);
        assertThat(writes).extracting(KafkaWrite::topic).containsOnly(KafkaTopics.SENSOR_PENDING);
        assertThat(writes).extracting(KafkaWrite::key).containsOnly("gw-ta-van/rg-moi");
        PendingSensor last = PendingSensor.CODEC.decode(writes.get(1).value());
        assertThat(last.readings()).isEqualTo(4);
        assertThat(last.firstSeen()).isEqualTo(Instant.parse("2026-11-22T01:00:00Z"));
        assertThat(last.lastSeen()).isEqualTo(Instant.parse("2026-11-22T01:01:10Z"));
        assertThat(last.quantity()).isEqualTo(Quantity.RAIN);
    }

    @Test
    void aFailedReportIsRetriedOnTheNextReading() {
        List<KafkaWrite> attempts = new ArrayList<>();
        PendingSensorReporter failing =
                new PendingSensorReporter(
                        w -> {
                            attempts.add(w);
                            return CompletableFuture.failedFuture(
                                    new IllegalStateException("down"));
                        },
                        clock,
                        Duration.ofMinutes(1));

        failing.unknown(GW, NEW_SENSOR, Quantity.RAIN);
        failing.unknown(GW, NEW_SENSOR, Quantity.RAIN);

        assertThat(attempts).hasSize(2);
        assertThat(failing.failures()).isEqualTo(2);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
