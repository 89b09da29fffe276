package vn.canhbao.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.junit.jupiter.api.Test;

class HazardJobConfigTest {

    @Test
    void defaultsSuitTheLocalRunner() {
        HazardJobConfig c = HazardJobConfig.defaults("127.0.0.1:9092");

        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.bufferTimeout()).isEqualTo(Duration.ofMillis(10));
        assertThat(c.floodRule().persistenceK()).isEqualTo(2);
        assertThat(c.floodRule().persistenceN()).isEqualTo(3);
        assertThat(c.floodRule().clearTime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void readsSettingsAndKeepsDefaultsForMissingKeys() {
        HazardJobConfig c =
                HazardJobConfig.fromSettings(
                        Map.of(
                                "kafka.bootstrap.servers", "k1:9092,k2:9092",
                                "parallelism", "2",
                                "flood.clear-time", "PT30M",
                                "telemetry.start", "latest",
                                "checkpoint.dir", "s3://canhbao-state/checkpoints"));

        assertThat(c.kafkaBootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(c.parallelism()).isEqualTo(2);
        assertThat(c.floodRule().clearTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.telemetryStart()).isEqualTo(HazardJobConfig.TelemetryStart.LATEST);
        assertThat(c.checkpointDirectory()).contains("s3://canhbao-state/checkpoints");
        assertThat(c.groupId()).isEqualTo("cb-hazard-job");
    }

    @Test
    void aBadSettingIsRejectedNamingItsKeyAndValue() {
        assertThatThrownBy(
                        () ->
                                HazardJobConfig.fromSettings(
                                        Map.of(
                                                "kafka.bootstrap.servers",
                                                "k:9092",
                                                "checkpoint.interval",
                                                "10s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint.interval")
                .hasMessageContaining("10s");
        assertThatThrownBy(() -> HazardJobConfig.fromSettings(Map.of()))
                .hasMessageContaining("kafkaBootstrapServers");
        assertThatThrownBy(() -> HazardJobConfig.defaults("k:9092").withParallelism(0))
                .hasMessageContaining("parallelism");
    }

    @Test
    void flinkConfigurationCarriesCheckpointsAndLowBufferTimeout() {
        HazardJobConfig c = HazardJobConfig.defaults("k:9092");

        Configuration flink = HazardJobs.flinkConfiguration(c);

        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(flink.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(10));
        assertThat(flink.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(Optional.empty());
    }

    @Test
    void parsesDashDashArguments() {
        assertThat(
                        HazardJobs.parseArgs(
                                new String[] {"--kafka.bootstrap.servers=k:9092", "group.id=g"}))
                .containsEntry("kafka.bootstrap.servers", "k:9092")
                .containsEntry("group.id", "g");
        assertThatThrownBy(() -> HazardJobs.parseArgs(new String[] {"--oops"}))
                .hasMessageContaining("--oops");
    }

    @Test
    void readsSiteRuleAndFlashFloodSettings() {
        HazardJobConfig c =
                HazardJobConfig.fromSettings(
                        Map.of(
                                "kafka.bootstrap.servers", "k:9092",
                                "art46.zone.lang-nu", "high",
                                "art46.zone.default", "medium",
                                "heavy-rain.terrain.ha-noi", "plains",
                                "flash-flood.rise-m-per-h", "0.4, 0.8",
                                "flash-flood.floor-metres", "1.5"));

        assertThat(c.siteRules().zoneOf("lang-nu"))
                .contains(vn.canhbao.hazards.vn.Art46Table.Zone.high);
        assertThat(c.siteRules().zoneOf("elsewhere"))
                .contains(vn.canhbao.hazards.vn.Art46Table.Zone.medium);
        assertThat(c.siteRules().terrainOf("ha-noi").name()).isEqualTo("plains");
        assertThat(c.siteRules().terrainOf("elsewhere").name()).isEqualTo("midland_mountain");
        assertThat(c.rateOfRise().riseMetresPerHour()).containsExactly(0.4, 0.8);
        assertThat(c.rateOfRise().floorMetres().getAsDouble()).isEqualTo(1.5);
        assertThat(HazardJobConfig.defaults("k:9092").siteRules().zoneOf("lang-nu")).isEmpty();
        assertThatThrownBy(
                        () ->
                                HazardJobConfig.fromSettings(
                                        Map.of(
                                                "kafka.bootstrap.servers",
                                                "k:9092",
                                                "art46.zone.x",
                                                "steep")))
                .hasMessageContaining("art46.zone.x")
                .hasMessageContaining("steep");
    }
}
