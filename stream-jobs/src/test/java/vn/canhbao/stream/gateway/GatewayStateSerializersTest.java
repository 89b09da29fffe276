package vn.canhbao.stream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.canhbao.stream.DemoSites.GATEWAY;
import static vn.canhbao.stream.DemoSites.RAIN;
import static vn.canhbao.stream.DemoSites.T0;
import static vn.canhbao.stream.DemoSites.WATER;
import static vn.canhbao.stream.DemoSites.reading;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.hazards.alert.LifecycleState;
import vn.canhbao.hazards.flood.FloodRuleState;
import vn.canhbao.hazards.flood.RiseState;
import vn.canhbao.hazards.flood.StageSample;
import vn.canhbao.hazards.qc.QcState;
import vn.canhbao.hazards.wind.WindRule;
import vn.canhbao.stream.serde.TelemetryPackSerializer;

/** The hand-written serializers of the gateway rules' input and state. */
class GatewayStateSerializersTest {
    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void aSensorStateWithEveryPartRoundTrips() throws IOException {
        SensorState full =
                new SensorState(
                        new QcState(5, 1.5, 5, 4.6, 6, 7, 1, 1.5, 3),
                        123_456,
                        new FloodRuleState(
                                List.of(new StageSample(WATER, 2.5, T0, 1)), Optional.empty()),
                        T0.toEpochMilli(),
                        99,
                        new RiseState(
                                new long[] {1, 2}, new float[] {1f, 2.5f}, LifecycleState.EMPTY),
                        WindRule.State.EMPTY,
                        new SensorState.StuckEpisode(T0.toEpochMilli(), 2, 1),
                        new long[] {3, 4, 5},
                        3,
                        5);

        assertThat(roundTrip(SensorStateSerializer.INSTANCE, full)).isEqualTo(full);
    }

    @Test
    void anEmptySensorStateRoundTripsAndSaysItIsEmpty() throws IOException {
        SensorState back = roundTrip(SensorStateSerializer.INSTANCE, SensorState.EMPTY);

        assertThat(back).isEqualTo(SensorState.EMPTY);
        assertThat(back.isEmpty()).isTrue();
    }

    @Test
    void aPackOfSeveralReadingsRoundTripsInOrder() throws IOException {
        TelemetryPack pack =
                TelemetryPack.of(
                        GATEWAY,
                        Instant.parse("2026-09-30T01:02:04.5Z"),
                        List.of(
                                asReading(reading(GATEWAY, WATER, Quantity.WATER_LEVEL, 1, 2.25)),
                                asReading(reading(GATEWAY, RAIN, Quantity.RAIN, 1, 0.2)),
                                asReading(reading(GATEWAY, WATER, Quantity.WATER_LEVEL, 2, 2.5))));

        assertThat(roundTrip(TelemetryPackSerializer.INSTANCE, pack)).isEqualTo(pack);
    }

    @Test
    void aCorruptReadingCountIsRefusedNotAllocated() {
        DataOutputSerializer out = new DataOutputSerializer(64);
        assertThatThrownBy(
                        () -> {
                            out.writeUTF("gw-nam-cang");
                            out.writeLong(0);
                            out.writeInt(0);
                            out.writeInt(-5);
                            TelemetryPackSerializer.INSTANCE.deserialize(
                                    new DataInputDeserializer(out.getCopyOfBuffer()));
                        })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("-5");
    }

    @Test
    void pendingBuffersRoundTrip() throws IOException {
        PendingBuffer b =
                new PendingBuffer(
                        777,
                        555,
                        List.of(
                                reading(GATEWAY, WATER, Quantity.WATER_LEVEL, 1, 2.25),
                                reading(GATEWAY, WATER, Quantity.WATER_LEVEL, 2, 2.5)));

        assertThat(roundTrip(PendingBufferSerializer.INSTANCE, b)).isEqualTo(b);
    }

    @Test
    void snapshotsRestoreTheSameSerializers() {
        assertThat(SensorStateSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(SensorStateSerializer.INSTANCE);
        assertThat(TelemetryPackSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(TelemetryPackSerializer.INSTANCE);
        assertThat(PendingBufferSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(PendingBufferSerializer.INSTANCE);
    }

    private static Reading asReading(vn.canhbao.contracts.TelemetryRecord r) {
        return new Reading(r.gateway(), r.sensor(), r.quantity(), r.value(), r.time(), r.seq());
    }
}
