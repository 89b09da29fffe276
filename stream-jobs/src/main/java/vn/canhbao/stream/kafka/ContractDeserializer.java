package vn.canhbao.stream.kafka;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.JsonCodec;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.dlq.DeadLetter;
import vn.canhbao.stream.serde.JsonTypeInfo;
import vn.canhbao.stream.serde.TelemetryPackSerializer;
import vn.canhbao.stream.serde.TelemetryTypeInfo;

/**
 * Decodes Kafka record values with a contracts {@link JsonCodec}. A record that does not meet the
 * contract is counted ({@code undecodableRecords}), logged with its topic, partition, offset and
 * the violated field (the first ten, then every thousandth), and never fails the job. What happens
 * to it next depends on the factory:
 *
 * <ul>
 *   <li>the hazard job's sources ({@link #telemetryPacksOrDeadLetters()}, {@link
 *       #siteConfigsOrDeadLetters()}) emit it as a {@link DeadLetter} ({@link Either#Left}) with
 *       its original key and bytes, which the job sends to {@code cb.telemetry.dlq.v1}; decoded
 *       records come out as {@link Either#Right};
 *   <li>the plain factories ({@link #telemetry()}, {@link #siteConfig()}) skip it, leaving it in
 *       Kafka at its offset (benchmarks and tests).
 * </ul>
 *
 * <p>On the compacted {@code cb.site-config.v1} a record without a value is a tombstone (a site
 * deleted), not a broken record: it is counted ({@code tombstoneRecords}), logged and skipped. The
 * job keeps the site's last configuration (see the module README, "Left for later").
 *
 * @param <W> the contract record on the wire
 * @param <T> what the source emits
 */
public final class ContractDeserializer<W, T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ContractDeserializer.class);

    /** Turns a decoded wire record into the elements emitted, in order. */
    @FunctionalInterface
    interface Decoded<W, T> extends Serializable {
        void emit(W wire, Collector<T> out);
    }

    /** What a record that broke the contract becomes, if anything. */
    @FunctionalInterface
    interface Undecodable<T> extends Serializable {
        void emit(ConsumerRecord<byte[], byte[]> record, ContractViolation v, Collector<T> out);
    }

    private final Class<W> wire;
    private final TypeInformation<T> produced;
    private final Decoded<W, T> decoded;
    private final Undecodable<T> undecodable;
    private final boolean compacted;
    private transient JsonCodec<W> codec;
    private transient Counter undecodableCount;
    private transient Counter tombstoneCount;

    private ContractDeserializer(
            Class<W> wire,
            TypeInformation<T> produced,
            Decoded<W, T> decoded,
            Undecodable<T> undecodable,
            boolean compacted) {
        this.wire = Objects.requireNonNull(wire, "wire");
        this.produced = Objects.requireNonNull(produced, "produced");
        this.decoded = Objects.requireNonNull(decoded, "decoded");
        this.undecodable = Objects.requireNonNull(undecodable, "undecodable");
        this.compacted = compacted;
    }

    /**
     * {@code cb.telemetry.v1} for the hazard job: one pack (one gateway message) per record as it
     * is, or the record as a dead letter.
     */
    public static ContractDeserializer<TelemetryPack, Either<DeadLetter, TelemetryPack>>
            telemetryPacksOrDeadLetters() {
        return new ContractDeserializer<>(
                TelemetryPack.class,
                orDeadLetter(TelemetryPackSerializer.TYPE_INFO),
                (pack, out) -> out.collect(Either.Right(pack)),
                ContractDeserializer::deadLetter,
                false);
    }

    /** {@code cb.site-config.v1} for the hazard job: a config, or the record as a dead letter. */
    public static ContractDeserializer<SiteConfig, Either<DeadLetter, SiteConfig>>
            siteConfigsOrDeadLetters() {
        return new ContractDeserializer<>(
                SiteConfig.class,
                orDeadLetter(JsonTypeInfo.of(SiteConfig.class)),
                (config, out) -> out.collect(Either.Right(config)),
                ContractDeserializer::deadLetter,
                true);
    }

    /**
     * {@code cb.telemetry.v1}: a pack per record, one telemetry record per reading out, in the
     * pack's order (so order per sensor holds); undecodable records skipped.
     */
    public static ContractDeserializer<TelemetryPack, TelemetryRecord> telemetry() {
        return new ContractDeserializer<>(
                TelemetryPack.class,
                TelemetryTypeInfo.INSTANCE,
                (pack, out) -> pack.records().forEach(out::collect),
                (record, v, out) -> {},
                false);
    }

    /** {@code cb.site-config.v1}: one config per record; undecodable records skipped. */
    public static ContractDeserializer<SiteConfig, SiteConfig> siteConfig() {
        return new ContractDeserializer<>(
                SiteConfig.class,
                JsonTypeInfo.of(SiteConfig.class),
                (config, out) -> out.collect(config),
                (record, v, out) -> {},
                true);
    }

    /** The element type of a source whose records are {@code T} or dead letters. */
    public static <T> TypeInformation<Either<DeadLetter, T>> orDeadLetter(TypeInformation<T> type) {
        return new EitherTypeInfo<>(JsonTypeInfo.of(DeadLetter.class), type);
    }

    private static <T> void deadLetter(
            ConsumerRecord<byte[], byte[]> record,
            ContractViolation v,
            Collector<Either<DeadLetter, T>> out) {
        out.collect(
                Either.Left(
                        DeadLetter.undecodable(
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.key(),
                                record.value(),
                                v,
                                Instant.now())));
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = new JsonCodec<>(wire);
        undecodableCount = context.getMetricGroup().counter("undecodableRecords");
        tombstoneCount = context.getMetricGroup().counter("tombstoneRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        if (codec == null) {
            // Not opened (records fed directly, e.g. by a test source): unregistered counters.
            codec = new JsonCodec<>(wire);
            undecodableCount = new SimpleCounter();
            tombstoneCount = new SimpleCounter();
        }
        if (compacted && record.value() == null) {
            tombstoneCount.inc();
            LOG.info(
                    "skipping the tombstone at {}-{}@{} (key {}): the job keeps the last {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.key() == null
                            ? "none"
                            : new String(record.key(), StandardCharsets.UTF_8),
                    wire.getSimpleName());
            return;
        }
        W decodedWire;
        try {
            decodedWire = codec.decode(record.value());
        } catch (ContractViolation e) {
            rejected(record, e, out);
            return;
        }
        decoded.emit(decodedWire, out);
    }

    private void rejected(
            ConsumerRecord<byte[], byte[]> record, ContractViolation e, Collector<T> out) {
        undecodableCount.inc();
        long seen = undecodableCount.getCount();
        // A storm of broken records must not flood the log: the first ten, then every thousandth.
        if (seen <= 10 || seen % 1_000 == 0) {
            LOG.warn(
                    "undecodable {} #{} at {}-{}@{}: {}",
                    wire.getSimpleName(),
                    seen,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
        undecodable.emit(record, e, out);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return produced;
    }
}
