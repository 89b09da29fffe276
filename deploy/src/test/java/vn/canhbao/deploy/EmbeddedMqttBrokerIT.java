package vn.canhbao.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.edge.SimulatedGateway;
import vn.canhbao.edge.SimulatedGatewayConfig;
import vn.canhbao.edge.scenario.ScenarioSource;
import vn.canhbao.ingest.IngestConfig;
import vn.canhbao.ingest.IngestService;
import vn.canhbao.testsupport.KafkaBroker;

/**
 * On a machine without Mosquitto the runner falls back to HiveMQ CE embedded: the gateway's MQTT 5
 * session and ingest's shared subscription with manual acks must work on it just as well.
 */
class EmbeddedMqttBrokerIT {
    @TempDir Path dir;

    @Test
    void gatewayReadingsReachKafkaThroughTheEmbeddedBroker() {
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"));
                MqttBroker mqtt = MqttBroker.start(MqttBroker.Kind.EMBEDDED, dir.resolve("mqtt"))) {
            assertThat(mqtt.description()).contains("HiveMQ");
            kafka.createTopic(KafkaTopics.TELEMETRY, 2, false);
            GatewayId gw = GatewayId.of("gw-nam-cang");

            try (IngestService ingest =
                            new IngestService(
                                    IngestConfig.of(
                                            mqtt.uri(), "ingest-it", kafka.bootstrapServers()));
                    SimulatedGateway gateway =
                            new SimulatedGateway(
                                    SimulatedGatewayConfig.of(
                                                    gw,
                                                    SimulatedGatewayConfig.brokerUri(mqtt.uri()),
                                                    dir.resolve("gw"),
                                                    ScenarioSource.classpath(
                                                            "/scenarios/nam-cang-flash-flood.json"))
                                            .withPublishInterval(Duration.ofMillis(100)))) {
                ingest.start();
                gateway.start();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> gateway.stats().publishedReadings() >= 40);
                gateway.close();
                long published = gateway.stats().publishedReadings();

                // ingest keeps running while the broker hands it the rest of its session's queue
                Set<Long> seqs =
                        await().atMost(Duration.ofSeconds(60))
                                .until(() -> telemetrySeqs(kafka, gw), s -> s.size() >= published);
                assertThat(seqs).hasSize((int) published);
            }
        }
    }

    private static Set<Long> telemetrySeqs(KafkaBroker kafka, GatewayId gw) {
        Set<Long> seqs = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : kafka.records(KafkaTopics.TELEMETRY)) {
            for (TelemetryRecord t : TelemetryPack.CODEC.decode(r.value()).records()) {
                if (t.gateway().equals(gw)) {
                    seqs.add(t.seq());
                }
            }
        }
        return seqs;
    }
}
