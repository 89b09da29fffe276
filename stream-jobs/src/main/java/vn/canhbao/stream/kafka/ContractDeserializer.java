package vn.canhbao.stream.kafka;

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
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.serde.JsonTypeInfo;
import vn.canhbao.stream.serde.TelemetryTypeInfo;

/**
 * Decodes Kafka record values with a contracts {@link JsonCodec}. A record that does not meet the
 * contract is counted ({@code undecodableRecords}), logged with its topic, partition, offset and
 * the violated field, and skipped: it never fails the job. (Ingest already sends bad input to the
 * dead-letter topic; a bad record here is a producer bug, kept in Kafka for inspection.)
 *
 * @param <T> the contract record type
 */
public final class ContractDeserializer<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ContractDeserializer.class);

    private final Class<T> type;
    private transient JsonCodec<T> codec;
    private transient Counter undecodable;

    public ContractDeserializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public static ContractDeserializer<TelemetryRecord> telemetry() {
        return new ContractDeserializer<>(TelemetryRecord.class);
    }

    public static ContractDeserializer<SiteConfig> siteConfig() {
        return new ContractDeserializer<>(SiteConfig.class);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = new JsonCodec<>(type);
        undecodable = context.getMetricGroup().counter("undecodableRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        if (codec == null) {
            codec = new JsonCodec<>(type);
        }
        try {
            out.collect(codec.decode(record.value()));
        } catch (ContractViolation e) {
            if (undecodable != null) {
                undecodable.inc();
            }
            LOG.warn(
                    "skipping undecodable {} at {}-{}@{}: {}",
                    type.getSimpleName(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeInformation<T> getProducedType() {
        if (type == TelemetryRecord.class) {
            return (TypeInformation<T>) TelemetryTypeInfo.INSTANCE;
        }
        return JsonTypeInfo.of(type);
    }
}
