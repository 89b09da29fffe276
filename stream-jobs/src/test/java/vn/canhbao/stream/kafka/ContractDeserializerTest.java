package vn.canhbao.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.canhbao.stream.DemoSites.water;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;

class ContractDeserializerTest {
    private final SimpleCounter undecodable = new SimpleCounter();
    private final List<TelemetryRecord> out = new ArrayList<>();
    private final Collector<TelemetryRecord> collector =
            new Collector<>() {
                @Override
                public void collect(TelemetryRecord record) {
                    out.add(record);
                }

                @Override
                public void close() {}
            };
    private final ContractDeserializer<TelemetryRecord> deserializer =
            ContractDeserializer.telemetry();

    @BeforeEach
    void open() throws Exception {
        MetricGroup metrics =
                new UnregisteredMetricsGroup() {
                    @Override
                    public Counter counter(String name) {
                        return name.equals("undecodableRecords")
                                ? undecodable
                                : super.counter(name);
                    }
                };
        deserializer.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return metrics;
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
                    }
                });
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(
                KafkaTopics.TELEMETRY, 0, offset, "k".getBytes(StandardCharsets.UTF_8), value);
    }

    private static byte[] pack(TelemetryRecord... records) {
        List<vn.canhbao.contracts.Reading> readings = new ArrayList<>();
        for (TelemetryRecord r : records) {
            readings.add(r.reading());
        }
        return TelemetryPack.CODEC.encode(
                TelemetryPack.of(records[0].gateway(), records[0].receivedAt(), readings));
    }

    @Test
    void decodesAValidRecord() {
        TelemetryRecord r = water(3, 2.5);

        deserializer.deserialize(record(0, pack(r)), collector);

        assertThat(out).containsExactly(r);
        assertThat(undecodable.getCount()).isZero();
    }

    @Test
    void unpacksAPackIntoOneRecordPerReadingInOrder() {
        TelemetryRecord a = water(5, 2.5);
        TelemetryRecord b = water(6, 2.6);
        TelemetryRecord c = water(7, 2.7);

        deserializer.deserialize(record(0, pack(a, b, c)), collector);

        // the pack carries one receivedAt (the first reading's here)
        assertThat(out)
                .extracting(TelemetryRecord::reading)
                .containsExactly(a.reading(), b.reading(), c.reading());
        assertThat(out).extracting(TelemetryRecord::receivedAt).containsOnly(a.receivedAt());
    }

    @Test
    void countsAndSkipsUndecodableRecordsWithoutFailing() {
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] badUnit =
                new String(pack(water(1, 2.0)), StandardCharsets.UTF_8)
                        .replace("\"m\"", "\"cm\"")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] singleRecordOfTheOldFormat = TelemetryRecord.CODEC.encode(water(4, 2.0));

        deserializer.deserialize(record(0, notJson), collector);
        deserializer.deserialize(record(1, badUnit), collector);
        deserializer.deserialize(record(2, new byte[0]), collector);
        deserializer.deserialize(record(3, singleRecordOfTheOldFormat), collector);
        deserializer.deserialize(record(4, pack(water(2, 2.0))), collector);

        assertThat(undecodable.getCount()).isEqualTo(4);
        assertThat(out).containsExactly(water(2, 2.0));
    }
}
