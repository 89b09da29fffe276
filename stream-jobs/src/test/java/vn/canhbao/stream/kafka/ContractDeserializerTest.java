package vn.canhbao.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.canhbao.stream.DemoSites.namCang;
import static vn.canhbao.stream.DemoSites.water;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.dlq.DeadLetter;

class ContractDeserializerTest {
    private final Map<String, SimpleCounter> counters = new HashMap<>();

    /** Opens {@code deserializer} with counters this test reads, and collects what it emits. */
    private <T> List<T> open(ContractDeserializer<?, T> deserializer) {
        MetricGroup metrics =
                new UnregisteredMetricsGroup() {
                    @Override
                    public Counter counter(String name) {
                        return counters.computeIfAbsent(name, n -> new SimpleCounter());
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
        return new ArrayList<>();
    }

    private static <T> Collector<T> into(List<T> out) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
    }

    private long count(String name) {
        SimpleCounter c = counters.get(name);
        return c == null ? 0 : c.getCount();
    }

    private static ConsumerRecord<byte[], byte[]> record(
            String topic, long offset, byte[] key, byte[] value) {
        return new ConsumerRecord<>(topic, 3, offset, key, value);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return record(KafkaTopics.TELEMETRY, offset, utf8("k"), value);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pack(TelemetryRecord... records) {
        List<vn.canhbao.contracts.Reading> readings = new ArrayList<>();
        for (TelemetryRecord r : records) {
            readings.add(r.reading());
        }
        return TelemetryPack.CODEC.encode(
                TelemetryPack.of(records[0].gateway(), records[0].receivedAt(), readings));
    }

    /** A pack whose unit breaks the contract (centimetres for a water level in metres). */
    private static byte[] badUnit() {
        return new String(pack(water(1, 2.0)), StandardCharsets.UTF_8)
                .replace("\"m\"", "\"cm\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesAValidRecord() {
        ContractDeserializer<TelemetryPack, TelemetryRecord> d = ContractDeserializer.telemetry();
        List<TelemetryRecord> out = open(d);
        TelemetryRecord r = water(3, 2.5);

        d.deserialize(record(0, pack(r)), into(out));

        assertThat(out).containsExactly(r);
        assertThat(count("undecodableRecords")).isZero();
    }

    @Test
    void unpacksAPackIntoOneRecordPerReadingInOrder() {
        ContractDeserializer<TelemetryPack, TelemetryRecord> d = ContractDeserializer.telemetry();
        List<TelemetryRecord> out = open(d);
        TelemetryRecord a = water(5, 2.5);
        TelemetryRecord b = water(6, 2.6);
        TelemetryRecord c = water(7, 2.7);

        d.deserialize(record(0, pack(a, b, c)), into(out));

        // the pack carries one receivedAt (the first reading's here)
        assertThat(out)
                .extracting(TelemetryRecord::reading)
                .containsExactly(a.reading(), b.reading(), c.reading());
        assertThat(out).extracting(TelemetryRecord::receivedAt).containsOnly(a.receivedAt());
    }

    @Test
    void thePlainSourceCountsAndSkipsUndecodableRecordsWithoutFailing() {
        ContractDeserializer<TelemetryPack, TelemetryRecord> d = ContractDeserializer.telemetry();
        List<TelemetryRecord> out = open(d);
        byte[] notJson = utf8("{not json");
        byte[] singleRecordOfTheOldFormat = TelemetryRecord.CODEC.encode(water(4, 2.0));

        d.deserialize(record(0, notJson), into(out));
        d.deserialize(record(1, badUnit()), into(out));
        d.deserialize(record(2, new byte[0]), into(out));
        d.deserialize(record(3, singleRecordOfTheOldFormat), into(out));
        d.deserialize(record(4, pack(water(2, 2.0))), into(out));

        assertThat(count("undecodableRecords")).isEqualTo(4);
        assertThat(out).containsExactly(water(2, 2.0));
    }

    @Test
    void theHazardJobsSourceTurnsEveryUndecodableRecordIntoADeadLetterWithItsBytesFieldAndPlace() {
        ContractDeserializer<TelemetryPack, Either<DeadLetter, TelemetryPack>> d =
                ContractDeserializer.telemetryPacksOrDeadLetters();
        List<Either<DeadLetter, TelemetryPack>> out = open(d);
        List<byte[]> broken =
                List.of(
                        utf8("{not json"),
                        badUnit(),
                        new byte[0],
                        TelemetryRecord.CODEC.encode(water(4, 2.0)));
        byte[] good = pack(water(2, 2.0));

        // when broken records come before, between and after a good one, and one has no value
        for (int i = 0; i < broken.size(); i++) {
            d.deserialize(record(10 + i, broken.get(i)), into(out));
        }
        d.deserialize(record(20, good), into(out));
        d.deserialize(record(KafkaTopics.TELEMETRY, 21, null, null), into(out));

        // then each comes out in its place: the good pack decoded, every other a dead letter
        assertThat(out).hasSize(6);
        assertThat(out.get(4).isRight()).isTrue();
        assertThat(out.get(4).right()).isEqualTo(TelemetryPack.CODEC.decode(good));
        for (int i = 0; i < broken.size(); i++) {
            DeadLetter letter = out.get(i).left();
            assertThat(letter.key()).isEqualTo("k");
            assertThat(letter.value()).isEqualTo(broken.get(i));
            assertThat(letter.reason()).isEqualTo(DeadLetter.UNDECODABLE);
            assertThat(letter.detail())
                    .endsWith("(cb.telemetry.v1 partition 3 offset " + (10 + i) + ")");
        }
        assertThat(out.get(0).left().field()).isEqualTo("payload");
        // the unit's own field is named, with the value it rejected
        assertThat(out.get(1).left().field()).isEqualTo("unit");
        assertThat(out.get(1).left().detail()).contains("cm");
        DeadLetter noValue = out.get(5).left();
        assertThat(noValue.key()).isEqualTo(KafkaTopics.TELEMETRY);
        assertThat(noValue.value()).isNull();
        assertThat(noValue.field()).isEqualTo("payload");
        assertThat(count("undecodableRecords")).isEqualTo(5);
    }

    @Test
    void aSiteConfigTombstoneIsSkippedAndCountedButABrokenConfigIsADeadLetter() {
        ContractDeserializer<SiteConfig, Either<DeadLetter, SiteConfig>> d =
                ContractDeserializer.siteConfigsOrDeadLetters();
        List<Either<DeadLetter, SiteConfig>> out = open(d);
        byte[] config = SiteConfig.CODEC.encode(namCang(2));
        byte[] broken = utf8("{\"site\":\"nam-cang\"}");

        d.deserialize(record(KafkaTopics.SITE_CONFIG, 0, utf8("nam-cang"), null), into(out));
        d.deserialize(record(KafkaTopics.SITE_CONFIG, 1, utf8("nam-cang"), broken), into(out));
        d.deserialize(record(KafkaTopics.SITE_CONFIG, 2, utf8("nam-cang"), config), into(out));

        assertThat(out).hasSize(2);
        assertThat(out.get(0).left().value()).isEqualTo(broken);
        assertThat(out.get(0).left().key()).isEqualTo("nam-cang");
        assertThat(out.get(1).right()).isEqualTo(namCang(2));
        assertThat(count("tombstoneRecords")).isEqualTo(1);
        assertThat(count("undecodableRecords")).isEqualTo(1);
    }
}
