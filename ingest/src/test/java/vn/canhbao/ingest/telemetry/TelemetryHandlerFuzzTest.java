package vn.canhbao.ingest.telemetry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.TelemetryPack;

/**
 * Fuzzes the handling of untrusted MQTT payloads: whatever the bytes, the handler returns an
 * outcome with at least one write (readings of this gateway, or one complete dead letter that fits
 * the payload limit), and never throws. The committed corpus in {@code
 * src/test/resources/.../TelemetryHandlerFuzzTestInputs} replays on every build; run with {@code
 * JAZZER_FUZZ=1} to fuzz for real.
 */
class TelemetryHandlerFuzzTest {
    private static final int MAX_BYTES = 512;
    private static final String TOPIC = MqttTopics.telemetry(GatewayId.of("gw-fuzz"));
    private final TelemetryHandler handler =
            new TelemetryHandler(
                    MAX_BYTES, Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "30s")
    void handleAccountsForEveryMessage(byte[] payload) {
        Outcome outcome = handler.handle(TOPIC, payload);
        if (outcome.writes().isEmpty()) {
            throw new AssertionError("an outcome must write something");
        }
        if (outcome instanceof Outcome.Accepted accepted) {
            for (KafkaWrite w : accepted.writes()) {
                if (w.topic().equals(KafkaTopics.TELEMETRY) && !w.key().equals("gw-fuzz")) {
                    throw new AssertionError("accepted record outside this gateway: " + w.key());
                }
            }
            if (!accepted.readings().isEmpty()
                    && TelemetryPack.CODEC
                                    .decode(accepted.writes().get(0).value())
                                    .readings()
                                    .size()
                            != accepted.readings().size()) {
                throw new AssertionError("the pack must carry every accepted reading");
            }
        } else if (outcome instanceof Outcome.Rejected rejected) {
            KafkaWrite dl = rejected.deadLetter();
            if (!dl.topic().equals(KafkaTopics.TELEMETRY_DLQ)
                    || dl.value().length > MAX_BYTES
                    || !dl.headers()
                            .keySet()
                            .containsAll(
                                    java.util.List.of(
                                            KafkaTopics.DLQ_REASON,
                                            KafkaTopics.DLQ_FIELD,
                                            KafkaTopics.DLQ_SOURCE,
                                            KafkaTopics.DLQ_REJECTED_AT))
                    || dl.headers().get(KafkaTopics.DLQ_FIELD).isEmpty()) {
                throw new AssertionError("incomplete dead letter: " + dl.headers());
            }
        }
    }

    private final TelemetryHandler enforcing = enforcingHandler();

    private static TelemetryHandler enforcingHandler() {
        vn.canhbao.ingest.registry.SiteConfigCache registry =
                new vn.canhbao.ingest.registry.SiteConfigCache();
        registry.apply(vn.canhbao.ingest.registry.TestSites.site(1, "wl-ta-van", "rg-ta-van"));
        return new TelemetryHandler(
                MAX_BYTES,
                Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC),
                registry,
                ReadingTimeLimits.DEFAULT);
    }

    /**
     * With the registry and time limits: known readings are enriched, refused ones dead-lettered.
     */
    @FuzzTest(maxDuration = "30s")
    void handleWithRegistryAccountsForEveryReading(byte[] payload) {
        Outcome outcome =
                enforcing.handle(
                        MqttTopics.telemetry(vn.canhbao.ingest.registry.TestSites.GW), payload);
        if (outcome.writes().isEmpty()) {
            throw new AssertionError("an outcome must write something");
        }
        if (outcome instanceof Outcome.Accepted a) {
            if (!a.readings().isEmpty()
                    && !"ta-van".equals(a.headers().get(TelemetryHandler.HEADER_SITE))) {
                throw new AssertionError("accepted readings not enriched: " + a);
            }
            if (a.rejectedReadings().isEmpty() == a.deadLetter().isPresent()) {
                throw new AssertionError("refused readings need a dead letter: " + a);
            }
        }
    }
}
