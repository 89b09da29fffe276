package vn.canhbao.ingest.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;

/** What one telemetry message becomes: telemetry records, or one dead letter. */
public sealed interface Outcome {

    /**
     * The Kafka records to write; the MQTT message may be acknowledged once Kafka acknowledged all.
     */
    List<KafkaWrite> writes();

    /**
     * A valid batch: one {@code cb.telemetry.v1} record per accepted reading, in the batch's order;
     * readings refused on their own (unknown sensor, time out of bounds) are listed and the whole
     * original message goes to the dead-letter topic with their reasons.
     */
    record Accepted(
            GatewayId gateway,
            List<ReadingWrite> readings,
            List<RejectedReading> rejectedReadings,
            Optional<KafkaWrite> deadLetter)
            implements Outcome {
        public Accepted {
            Objects.requireNonNull(gateway, "gateway");
            readings = List.copyOf(readings);
            rejectedReadings = List.copyOf(rejectedReadings);
            Objects.requireNonNull(deadLetter, "deadLetter");
            if (rejectedReadings.isEmpty() != deadLetter.isEmpty()) {
                throw new IllegalArgumentException(
                        "a dead letter goes with refused readings, and only with them");
            }
        }

        @Override
        public List<KafkaWrite> writes() {
            List<KafkaWrite> all = new ArrayList<>(readings.size() + 1);
            readings.forEach(r -> all.add(r.write()));
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
