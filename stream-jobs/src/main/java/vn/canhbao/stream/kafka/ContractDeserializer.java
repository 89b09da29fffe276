package vn.canhbao.stream.kafka;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.JsonCodec;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.serde.JsonTypeInfo;
import vn.canhbao.stream.serde.TelemetryPackSerializer;
import vn.canhbao.stream.serde.TelemetryTypeInfo;

/**
 * Decodes Kafka record values with a contracts {@link JsonCodec}, unpacking a wire record into the
 * elements the job works on: a {@code cb.telemetry.v1} {@link TelemetryPack} becomes one {@link
 * TelemetryRecord} per reading, in the pack's order (so order per sensor holds). A record that does
 * not meet the contract is counted ({@code undecodableRecords}), logged with its topic, partition,
 * offset and the violated field, and skipped: it never fails the job. (Ingest already sends bad
 * input to the dead-letter topic; a bad record here is a producer bug, kept in Kafka for
 * inspection.)
 *
 * @param <T> the contract record type
 */
public final class ContractDeserializer<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ContractDeserializer.class);

    /** Turns the decoded wire record into the elements emitted, in order. */
    @FunctionalInterface
    interface Unpack<W, T> extends Serializable {
        List<T> apply(W wire);
    }

    private final Class<?> wire;
    private final Class<T> type;
    private final Unpack<Object, T> unpack;
    private transient JsonCodec<?> codec;
    private transient Counter undecodable;

    /** Decodes records whose value is one {@code type} each. */
    public ContractDeserializer(Class<T> type) {
        this(type, type, List::of);
    }

    @SuppressWarnings("unchecked")
    private <W> ContractDeserializer(Class<W> wire, Class<T> type, Unpack<W, T> unpack) {
        this.wire = Objects.requireNonNull(wire, "wire");
        this.type = Objects.requireNonNull(type, "type");
        this.unpack = (Unpack<Object, T>) Objects.requireNonNull(unpack, "unpack");
    }

    /** {@code cb.telemetry.v1}: a pack per record, one telemetry record per reading out. */
    public static ContractDeserializer<TelemetryRecord> telemetry() {
        return new ContractDeserializer<>(
                TelemetryPack.class, TelemetryRecord.class, TelemetryPack::records);
    }

    /** {@code cb.telemetry.v1}: one pack (one gateway message) per record, as it is. */
    public static ContractDeserializer<TelemetryPack> telemetryPacks() {
        return new ContractDeserializer<>(TelemetryPack.class);
    }

    public static ContractDeserializer<SiteConfig> siteConfig() {
        return new ContractDeserializer<>(SiteConfig.class);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = new JsonCodec<>(wire);
        undecodable = context.getMetricGroup().counter("undecodableRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        if (codec == null) {
            codec = new JsonCodec<>(wire);
        }
        List<T> elements;
        try {
            elements = unpack.apply(codec.decode(record.value()));
        } catch (ContractViolation e) {
            if (undecodable != null) {
                undecodable.inc();
            }
            LOG.warn(
                    "skipping undecodable {} at {}-{}@{}: {}",
                    wire.getSimpleName(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return;
        }
        elements.forEach(out::collect);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeInformation<T> getProducedType() {
        if (type == TelemetryRecord.class) {
            return (TypeInformation<T>) TelemetryTypeInfo.INSTANCE;
        }
        if (type == TelemetryPack.class) {
            return (TypeInformation<T>) TelemetryPackSerializer.TYPE_INFO;
        }
        return JsonTypeInfo.of(type);
    }
}
