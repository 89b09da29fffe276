package vn.canhbao.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class HistoryConfigTest {
    private final HistoryConfig valid = HistoryConfig.of("127.0.0.1:9092", "http://127.0.0.1:8086");

    @Test
    void defaultsKeepRawDataNinetyDaysAndHourlyAggregatesTenYears() {
        assertThat(valid.rawRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(valid.hourlyRetention()).isEqualTo(Duration.ofDays(3650));
        assertThat(valid.database()).isEqualTo("canhbao");
        assertThat(valid.consumerGroup()).isEqualTo("history-influx");
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> HistoryConfig.of("kafka", "http://127.0.0.1:8086"))
                .hasMessageContaining("kafkaBootstrapServers = 'kafka'");
        assertThatThrownBy(() -> HistoryConfig.of("127.0.0.1:9092", "127.0.0.1:8086"))
                .hasMessageContaining("influxUrl");
        assertThatThrownBy(() -> valid.withDatabase("my-db")).hasMessageContaining("database");
        assertThatThrownBy(() -> valid.withMaxBatchPoints(0))
                .hasMessageContaining("maxBatchPoints");
        assertThatThrownBy(
                        () ->
                                new HistoryConfig(
                                        "127.0.0.1:9092",
                                        "g",
                                        "http://127.0.0.1:8086",
                                        "canhbao",
                                        Duration.ofDays(90),
                                        Duration.ofDays(30),
                                        10,
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(1)))
                .hasMessageContaining("hourlyRetention");
        assertThatThrownBy(
                        () ->
                                new HistoryConfig(
                                        "127.0.0.1:9092",
                                        "g",
                                        "http://127.0.0.1:8086",
                                        "canhbao",
                                        Duration.ofMinutes(90),
                                        Duration.ofDays(30),
                                        10,
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(1)))
                .hasMessageContaining("rawRetention");
    }

    @Test
    void theConsumerCommitsByHandAndReadsFromTheStart() {
        Map<String, Object> p = HistoryWriter.consumerProperties(valid);
        assertThat(p)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "history-influx");
    }
}
