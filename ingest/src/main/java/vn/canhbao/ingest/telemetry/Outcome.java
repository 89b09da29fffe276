package vn.canhbao.ingest.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.TelemetryPack;

/** What one telemetry message becomes: telemetry records, or one dead letter. */
public sealed interface Outcome {

    /**
     * The Kafka records to write; the MQTT message may be acknowledged once Kafka acknowledged all.
     */
    List<KafkaWrite> writes();

    /**
     * A valid batch. Its accepted readings become one {@code cb.telemetry.v1} record, a {@link
     * TelemetryPack} keyed by the gateway ({@link #telemetryWrite}), of those readings that are not
     * yet in Kafka; readings refused on their own (unknown sensor, time out of bounds) are listed
     * and the whole original message goes to the dead-letter topic with their reasons.
     *
     * @param readings the accepted readings, in the batch's order
     * @param headers the enrichment headers of the telemetry record (site, commune, province)
     * @param receivedAt when ingest accepted the message
     */
    record Accepted(
            GatewayId gateway,
            List<Reading> readings,
            Map<String, String> headers,
            Instant receivedAt,
            List<RejectedReading> rejectedReadings,
            Optional<KafkaWrite> deadLetter)
            implements Outcome {
        public Accepted {
            Objects.requireNonNull(gateway, "gateway");
            readings = List.copyOf(readings);
            headers = Map.copyOf(headers);
            Objects.requireNonNull(receivedAt, "receivedAt");
            rejectedReadings = List.copyOf(rejectedReadings);
            Objects.requireNonNull(deadLetter, "deadLetter");
            if (rejectedReadings.isEmpty() != deadLetter.isEmpty()) {
                throw new IllegalArgumentException(
                        "a dead letter goes with refused readings, and only with them");
            }
        }

        /**
         * The telemetry record carrying {@code subset} (non-empty; some or all of {@link
         * #readings}, e.g. without the duplicates).
         */
        public KafkaWrite telemetryWrite(List<Reading> subset) {
            TelemetryPack pack = TelemetryPack.of(gateway, receivedAt, subset);
            return new KafkaWrite(
                    KafkaTopics.TELEMETRY, pack.key(), TelemetryPack.CODEC.encode(pack), headers);
        }

        /** The telemetry record of every accepted reading (if any), then the dead letter. */
        @Override
        public List<KafkaWrite> writes() {
            List<KafkaWrite> all = new ArrayList<>(2);
            if (!readings.isEmpty()) {
                all.add(telemetryWrite(readings));
            }
            deadLetter.ifPresent(all::add);
            return all;
        }
    }

    /**
     * An invalid message: its original bytes (cut to the payload limit when larger) go to {@code
     * cb.telemetry.dlq.v1}.
     *
     * @param violation what was wrong
     * @param fieldGroup the field at fault without array indices ({@code [3].v} becomes {@code v}),
     *     for counting
     * @param deadLetter the dead-letter record
     */
    record Rejected(ContractViolation violation, String fieldGroup, KafkaWrite deadLetter)
            implements Outcome {
        public Rejected {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(fieldGroup, "fieldGroup");
            Objects.requireNonNull(deadLetter, "deadLetter");
        }

        @Override
        public List<KafkaWrite> writes() {
            return List.of(deadLetter);
        }
    }
}
