package vn.canhbao.stream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.stream.health.GatewayHealth.Episode;
import vn.canhbao.stream.health.GatewayHealth.RainBuckets;
import vn.canhbao.stream.health.GatewayHealth.RainSample;
import vn.canhbao.stream.health.GatewayHealth.SensorWatch;
import vn.canhbao.stream.serde.JsonRecordSerializer;

/**
 * Device health's state is changed in place, so its copy must be deep (the gateway rules' keyed
 * value copies it when the heap backend copies a value a running snapshot still needs); it is
 * written as JSON inside that value.
 */
class GatewayHealthSerializerTest {
    private final TypeSerializer<GatewayHealth> serializer =
            new JsonRecordSerializer<>(GatewayHealth.class);

    private static GatewayHealth sample() {
        return new GatewayHealth(
                Map.of(
                        "wl-1",
                        new SensorWatch(
                                "s-1",
                                Quantity.WATER_LEVEL,
                                1_000,
                                2_000,
                                2.5,
                                7,
                                180_000,
                                Optional.of(new Episode(2_000, 1, 2))),
                        "rg-1",
                        new SensorWatch(
                                "s-1",
                                Quantity.RAIN,
                                1_000,
                                2_000,
                                0.2,
                                8,
                                180_000,
                                Optional.empty())),
                Optional.empty(),
                new RainBuckets(new long[] {0, 300_000}, new double[] {1.5, 0.2}),
                Optional.of(new RainSample("rg-1", 2_000, 0.2, 8)),
                190_000);
    }

    @Test
    void aCopyIsDeepSoChangingTheValueInPlaceLeavesTheCopyAlone() {
        GatewayHealth original = sample();
        GatewayHealth copy = original.copy();
        assertThat(copy).isNotSameAs(original).isEqualTo(original);

        // rain into a kept bucket is added in place
        RainBuckets rain = original.rain().add(1_000, 4.0, 300_000, -1);
        assertThat(rain).isSameAs(original.rain());
        original.sensors().remove("wl-1");
        original.set(
                original.sensors(), Optional.of(new Episode(5, 0, 1)), rain, Optional.empty(), 0);

        assertThat(copy).isEqualTo(sample());
        assertThat(copy.sensors()).containsKeys("wl-1", "rg-1");
        assertThat(copy.rain().mm()).containsExactly(1.5, 0.2);
    }

    @Test
    void itRoundTripsThroughItsBytes() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(sample(), out);
        GatewayHealth back =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(sample());
        back.sensors().clear(); // a value read back is mutable too
        assertThat(back.sensors()).isEmpty();
    }

    @Test
    void rainBucketsAddToTheirBucketAndDropTheExpired() {
        long width = 300_000;
        RainBuckets rain = RainBuckets.NONE.add(10_000, 1.0, width, -1).add(20_000, 0.5, width, -1);
        assertThat(rain).isEqualTo(new RainBuckets(new long[] {0}, new double[] {1.5}));

        // a late reading lands in its own, earlier bucket, kept in order
        rain = rain.add(610_000, 2.0, width, 0).add(400_000, 1.0, width, 0);
        assertThat(rain)
                .isEqualTo(
                        new RainBuckets(
                                new long[] {0, 300_000, 600_000}, new double[] {1.5, 1.0, 2.0}));

        // buckets that ended at or before the window start are dropped
        rain = rain.add(900_000, 0.1, width, 300_000);
        assertThat(rain)
                .isEqualTo(
                        new RainBuckets(
                                new long[] {300_000, 600_000, 900_000},
                                new double[] {1.0, 2.0, 0.1}));
        assertThat(rain.over(300_000, 900_000, width)).isEqualTo(3.1, within(1e-9));
        assertThat(rain.over(600_000, 900_000, width)).isEqualTo(2.1, within(1e-9));
    }
}
