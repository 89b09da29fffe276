package vn.canhbao.ingest.telemetry;

import java.util.Objects;
import vn.canhbao.contracts.Reading;

/** One accepted reading and the {@code cb.telemetry.v1} record it becomes. */
public record ReadingWrite(Reading reading, KafkaWrite write) {
    public ReadingWrite {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(write, "write");
    }
}
