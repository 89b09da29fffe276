package vn.canhbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import vn.canhbao.ingest.telemetry.ReadingTimeLimits;

class IngestMainTest {
    @Test
    void parsesEveryOption() {
        IngestConfig c =
                IngestMain.parse(
                        new String[] {
                            "--mqtt",
                            "tcp://127.0.0.1:1883",
                            "--kafka=127.0.0.1:9092",
                            "--client-id",
                            "ingest-7",
                            "--share-group",
                            "ingest-b",
                            "--max-payload-bytes",
                            "1000",
                            "--session-expiry",
                            "PT2H",
                            "--kafka-delivery-timeout",
                            "PT10S",
                            "--require-registered-sensors",
                            "true",
                            "--max-future",
                            "PT1M",
                            "--max-age",
                            "P7D",
                            "--dedup-restore-horizon",
                            "PT6H",
                            "--metrics-port",
                            "9464",
                            "--mqtt-connections",
                            "3"
                        });

        assertThat(c)
                .isEqualTo(
                        new IngestConfig(
                                "tcp://127.0.0.1:1883",
                                "ingest-7",
                                "ingest-b",
                                "127.0.0.1:9092",
                                1000,
                                Duration.ofHours(2),
                                Duration.ofSeconds(10),
                                true,
                                new ReadingTimeLimits(Duration.ofMinutes(1), Duration.ofDays(7)),
                                Duration.ofHours(6),
                                OptionalInt.of(9464),
                                3));
    }

    @Test
    void mqttAndKafkaAreRequired() {
        assertThatThrownBy(() -> IngestMain.parse(new String[] {"--mqtt", "tcp://127.0.0.1:1883"}))
                .hasMessageContaining("--kafka");
    }

    @Test
    void unknownOptionIsNamed() {
        assertThatThrownBy(
                        () ->
                                IngestMain.parse(
                                        new String[] {
                                            "--mqtt", "tcp://h:1", "--kafka", "h:2", "--qos", "0"
                                        }))
                .hasMessageContaining("--qos");
    }

    @Test
    void mqttConnectionsBelowOneIsNamedWithItsValue() {
        assertThatThrownBy(
                        () ->
                                IngestMain.parse(
                                        new String[] {
                                            "--mqtt",
                                            "tcp://h:1",
                                            "--kafka",
                                            "h:2",
                                            "--mqtt-connections",
                                            "0"
                                        }))
                .hasMessageContaining("mqttConnections")
                .hasMessageContaining("\"0\"");
    }

    @Test
    void badDurationIsNamed() {
        assertThatThrownBy(
                        () ->
                                IngestMain.parse(
                                        new String[] {
                                            "--mqtt",
                                            "tcp://h:1",
                                            "--kafka",
                                            "h:2",
                                            "--session-expiry",
                                            "1h"
                                        }))
                .hasMessageContaining("--session-expiry")
                .hasMessageContaining("1h");
    }
}
