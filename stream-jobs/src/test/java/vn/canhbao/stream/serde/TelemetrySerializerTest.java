package vn.canhbao.stream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryRecord;

class TelemetrySerializerTest {
    @Test
    void aReadingRoundTripsExactlyIncludingNanosecondsAndIsSmallerThanItsJson() throws IOException {
        // given
        TelemetryRecord r =
                new TelemetryRecord(
                        GatewayId.of("gw-nam-cang"),
                        SensorId.of("rg-nam-cang"),
                        Quantity.RAIN,
                        "mm",
                        12.5,
                        Instant.parse("2026-09-30T01:02:03.123456789Z"),
                        42,
                        Instant.parse("2026-09-30T01:02:04.5Z"));
        DataOutputSerializer out = new DataOutputSerializer(64);

        // when
        TelemetrySerializer.INSTANCE.serialize(r, out);
        TelemetryRecord back =
                TelemetrySerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));

        // then
        assertThat(back).isEqualTo(r);
        assertThat(out.length()).isLessThan(TelemetryRecord.CODEC.encode(r).length / 2);
    }

    @Test
    void theSnapshotRestoresTheSameSerializer() {
        assertThat(TelemetrySerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(TelemetrySerializer.INSTANCE);
    }
}
