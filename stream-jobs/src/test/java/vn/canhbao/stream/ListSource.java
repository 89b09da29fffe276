package vn.canhbao.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.canhbao.contracts.JsonCodec;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.kafka.ContractDeserializer;
import vn.canhbao.stream.serde.JsonTypeInfo;

/** A bounded source of contract records, in order (at parallelism 1), for pipeline tests. */
public final class ListSource {
    private ListSource() {}

    public static <T> DataGeneratorSource<T> of(Class<T> type, List<T> records) {
        return new DataGeneratorSource<>(
                new Decode<>(type, encode(type, records)), records.size(), JsonTypeInfo.of(type));
    }

    /**
     * As {@link #of}, emitting at most {@code perSecond} records per second, so checkpoints fall in
     * between.
     */
    public static <T> DataGeneratorSource<T> throttled(
            Class<T> type, List<T> records, double perSecond) {
        return new DataGeneratorSource<>(
                new Decode<>(type, encode(type, records)),
                records.size(),
                RateLimiterStrategy.perSecond(perSecond),
                JsonTypeInfo.of(type));
    }

    /**
     * As {@link #throttled}, and the source stops for {@code pauses.get(i)} milliseconds before it
     * emits record {@code i}: a gateway falling silent, then coming back.
     */
    public static <T> DataGeneratorSource<T> withPauses(
            Class<T> type, List<T> records, double perSecond, Map<Integer, Long> pauses) {
        return new DataGeneratorSource<>(
                new Decode<>(type, encode(type, records), new HashMap<>(pauses)),
                records.size(),
                RateLimiterStrategy.perSecond(perSecond),
                JsonTypeInfo.of(type));
    }

    /**
     * Kafka record values of {@code topic}, in order, through the job's own Kafka deserializer
     * (which must emit exactly one element per value), at most {@code perSecond}, pausing as {@link
     * #withPauses} does: the job's production sources without Kafka.
     */
    public static <T> DataGeneratorSource<T> fromWire(
            ContractDeserializer<?, T> deserializer,
            String topic,
            List<byte[]> values,
            double perSecond,
            Map<Integer, Long> pauses) {
        return new DataGeneratorSource<>(
                new Deserialize<>(
                        deserializer, topic, new ArrayList<>(values), new HashMap<>(pauses)),
                values.size(),
                RateLimiterStrategy.perSecond(perSecond),
                deserializer.getProducedType());
    }

    /**
     * Each reading as its own {@code cb.telemetry.v1} pack (a gateway message of one reading), in
     * order.
     */
    public static List<TelemetryPack> packsOf(List<TelemetryRecord> readings) {
        List<TelemetryPack> packs = new ArrayList<>(readings.size());
        for (TelemetryRecord r : readings) {
            packs.add(packOf(List.of(r)));
        }
        return packs;
    }

    /** Readings of one gateway as one {@code cb.telemetry.v1} pack (one gateway message). */
    public static TelemetryPack packOf(List<TelemetryRecord> message) {
        List<Reading> readings = new ArrayList<>(message.size());
        for (TelemetryRecord r : message) {
            readings.add(
                    new Reading(
                            r.gateway(), r.sensor(), r.quantity(), r.value(), r.time(), r.seq()));
        }
        TelemetryRecord first = message.get(0);
        return TelemetryPack.of(first.gateway(), first.receivedAt(), readings);
    }

    private static <T> ArrayList<String> encode(Class<T> type, List<T> records) {
        JsonCodec<T> codec = new JsonCodec<>(type);
        ArrayList<String> json = new ArrayList<>();
        records.forEach(r -> json.add(codec.encodeToString(r)));
        return json;
    }

    private static final class Decode<T> implements GeneratorFunction<Long, T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final ArrayList<String> json;
        private final HashMap<Integer, Long> pauses;
        private transient JsonCodec<T> codec;

        Decode(Class<T> type, ArrayList<String> json) {
            this(type, json, new HashMap<>());
        }

        Decode(Class<T> type, ArrayList<String> json, HashMap<Integer, Long> pauses) {
            this.type = type;
            this.json = json;
            this.pauses = pauses;
        }

        @Override
        public T map(Long index) throws InterruptedException {
            pause(pauses, index);
            if (codec == null) {
                codec = new JsonCodec<>(type);
            }
            return codec.decode(json.get(index.intValue()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void pause(Map<Integer, Long> pauses, long index) throws InterruptedException {
        Long pause = pauses.get((int) index);
        if (pause != null) {
            Thread.sleep(pause);
        }
    }

    private static final class Deserialize<T> implements GeneratorFunction<Long, T> {
        private static final long serialVersionUID = 1L;
        private final ContractDeserializer<?, T> deserializer;
        private final String topic;
        private final ArrayList<byte[]> values;
        private final HashMap<Integer, Long> pauses;

        Deserialize(
                ContractDeserializer<?, T> deserializer,
                String topic,
                ArrayList<byte[]> values,
                HashMap<Integer, Long> pauses) {
            this.deserializer = deserializer;
            this.topic = topic;
            this.values = values;
            this.pauses = pauses;
        }

        @Override
        public T map(Long index) throws InterruptedException {
            pause(pauses, index);
            List<T> out = new ArrayList<>(1);
            deserializer.deserialize(
                    new ConsumerRecord<>(topic, 0, index, null, values.get(index.intValue())),
                    new Collector<>() {
                        @Override
                        public void collect(T element) {
                            out.add(element);
                        }

                        @Override
                        public void close() {}
                    });
            if (out.size() != 1) {
                throw new IllegalStateException(
                        "value " + index + " gave " + out.size() + " elements, expected one");
            }
            return out.get(0);
        }
    }
}
