package vn.canhbao.edge.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.AdapterRejection;
import vn.canhbao.edge.adapter.AdapterStats;
import vn.canhbao.edge.adapter.camera.CameraHealth;
import vn.canhbao.edge.config.RecordingLink;
import vn.canhbao.edge.warn.TestSites;

class HeartbeatTest {
    private static final Instant AT = Instant.parse("2026-07-01T02:00:00Z");

    private static Heartbeat heartbeat(SensorActivity activity) {
        return new Heartbeat(
                TestSites.GW,
                AT,
                "0.1.0-test",
                Duration.ofSeconds(3725),
                12,
                4096,
                1_000_000,
                activity.lastSeen(),
                Optional.of(Duration.ofMillis(1500)),
                List.of(
                        new CameraHealth(
                                CameraId.of("cam-cau-nam-cang"),
                                false,
                                Optional.empty(),
                                OptionalInt.empty(),
                                OptionalInt.empty(),
                                AT,
                                Duration.ofSeconds(10),
                                Optional.of("Connection refused"))),
                List.of(new AdapterStats("coap", true, 10, 3, 0, Optional.of(AT))),
                activity.rejectedByReason(),
                Map.of("config", Map.of("version", 4)));
    }

    @Test
    void carriesUptimeJournalDiskLastSeenClockCamerasAndRejectionsByReason() throws Exception {
        SensorActivity activity = new SensorActivity();
        activity.seen(TestSites.WL, AT.minusSeconds(5));
        activity.seen(TestSites.WL, AT.minusSeconds(50)); // older: ignored
        for (int i = 0; i < 3; i++) {
            activity.rejected(
                    new AdapterRejection(
                            "coap", "peer", "[0].u", "\"ft\"", "unknown unit for water_level", AT));
        }

        JsonNode n = Json.mapper().readTree(heartbeat(activity).toJson());

        assertThat(n.get("schema").asText()).isEqualTo("cb.gateway-health.v1");
        assertThat(n.get("uptimeSeconds").asLong()).isEqualTo(3725);
        assertThat(n.at("/journal/records").asLong()).isEqualTo(12);
        assertThat(n.at("/journal/bytes").asLong()).isEqualTo(4096);
        assertThat(n.get("diskFreeBytes").asLong()).isEqualTo(1_000_000);
        assertThat(n.at("/lastSeen/wl-nam-cang").asText()).isEqualTo("2026-07-01T01:59:55Z");
        assertThat(n.at("/clock/behindAtLeastMillis").asLong()).isEqualTo(1500);
        assertThat(n.at("/cameras/0/up").asBoolean()).isFalse();
        assertThat(n.at("/cameras/0/error").asText()).isEqualTo("Connection refused");
        assertThat(
                        n.at("/adapters/0/rejectedByReason")
                                .get("[0].u: unknown unit for water_level")
                                .asLong())
                .isEqualTo(3);
        assertThat(n.at("/config/version").asLong()).isEqualTo(4);
    }

    @Test
    void boundsTheNumberOfReasonKeysPerAdapter() {
        SensorActivity activity = new SensorActivity();
        for (int i = 0; i < SensorActivity.MAX_REASONS + 10; i++) {
            activity.rejected(new AdapterRejection("mqtt-local", "t", "f" + i, "v", "r", AT));
        }
        Map<String, Long> reasons = activity.rejectedByReason().get("mqtt-local");
        assertThat(reasons).hasSize(SensorActivity.MAX_REASONS + 1);
        assertThat(reasons.get("other")).isEqualTo(10);
    }

    @Test
    void skipsHeartbeatsWhileTheLinkIsDown() {
        RecordingLink link = new RecordingLink();
        try (HealthReporter reporter =
                new HealthReporter(
                        TestSites.GW,
                        link,
                        () -> heartbeat(new SensorActivity()),
                        Duration.ofHours(1))) {
            link.up = false;
            assertThat(reporter.publishOnce()).isFalse();
            link.up = true;
            assertThat(reporter.publishOnce()).isTrue();
            assertThat(reporter.skipped()).isEqualTo(1);
            assertThat(link.published)
                    .singleElement()
                    .satisfies(
                            p -> assertThat(p.topic()).isEqualTo(MqttTopics.health(TestSites.GW)));
        }
        assertThat(SensorId.of("wl-nam-cang")).isEqualTo(TestSites.WL);
    }
}
