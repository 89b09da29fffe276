package vn.canhbao.stream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.hazards.qc.QcState;
import vn.canhbao.stream.health.GatewayHealth;
import vn.canhbao.stream.health.GatewayHealth.Episode;
import vn.canhbao.stream.health.GatewayHealth.RainBuckets;
import vn.canhbao.stream.health.GatewayHealth.SensorWatch;

/**
 * The gateway rules' keyed value is changed in place, so its serializer's copy must be deep: the
 * heap backend copies a value that a running snapshot still needs before the function changes it.
 */
class GatewayStateTest {
    private static SensorState withRecent(long... times) {
        return new SensorState(
                new QcState(5, 1.5, 5, 0, QcState.NONE, -1, 1, 1.5, 1),
                0,
                null,
                SensorState.NO_TIME,
                0,
                null,
                null,
                null,
                times,
                0,
                times[times.length - 1]);
    }

    private static GatewayHealth health() {
        return new GatewayHealth(
                Map.of(
                        "rg-1",
                        new SensorWatch(
                                "s-1",
                                Quantity.RAIN,
                                1_000,
                                2_000,
                                0.2,
                                8,
                                180_000,
                                Optional.of(new Episode(2_000, 1, 1)))),
                Optional.empty(),
                new RainBuckets(new long[] {0, 300_000}, new double[] {1.5, 0.2}),
                Optional.empty(),
                190_000);
    }

    private static GatewayState sample() {
        GatewayState s = new GatewayState();
        int wl = s.add("wl-1", 1_000);
        int rg = s.add("rg-1", 1_100);
        s.sensor(wl, SensorState.EMPTY);
        s.sensor(rg, withRecent(10, 20, 30));
        s.health(health());
        s.pendingSensors(1);
        return s;
    }

    @Test
    void aCopyIsDeepSoChangesInPlaceLeaveTheCopyAlone() {
        GatewayState original = sample();
        GatewayState copy = GatewayStateSerializer.INSTANCE.copy(original);
        assertThat(copy).isNotSameAs(original).isEqualTo(original);

        // the parts the gateway rules change in place
        original.sensor(original.indexOf("rg-1")).recent()[0] = 99;
        original.health().rain().mm()[0] = 42;
        original.health().sensors().remove("rg-1");
        original.seen(original.indexOf("wl-1"), 5_000);
        original.add("tm-1", 6_000);
        original.pendingSensors(0);

        assertThat(copy).isEqualTo(sample());
        assertThat(copy.sensor(copy.indexOf("rg-1")).recent()).containsExactly(10, 20, 30);
        assertThat(copy.health().rain().mm()).containsExactly(1.5, 0.2);
        assertThat(copy.indexOf("tm-1")).isEqualTo(-1);
    }

    @Test
    void itRoundTripsThroughItsBytes() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        GatewayStateSerializer.INSTANCE.serialize(sample(), out);
        GatewayState back =
                GatewayStateSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).isEqualTo(sample());
        assertThat(back.sensor(back.indexOf("rg-1")).recentNewest()).isEqualTo(30);
        assertThat(GatewayStateSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(GatewayStateSerializer.INSTANCE);
    }

    @Test
    void aCorruptSensorCountIsRefusedNotAllocated() {
        DataOutputSerializer out = new DataOutputSerializer(16);
        assertThatThrownBy(
                        () -> {
                            out.writeInt(Integer.MAX_VALUE);
                            GatewayStateSerializer.INSTANCE.deserialize(
                                    new DataInputDeserializer(out.getCopyOfBuffer()));
                        })
                .isInstanceOf(IOException.class)
                .hasMessageContaining(Integer.toString(Integer.MAX_VALUE));
    }

    @Test
    void manySensorsAreFoundThroughTheIndexBeforeAndAfterASweep() {
        GatewayState s = new GatewayState();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3 * GatewayState.SCAN_LIMIT; i++) {
            ids.add("s-" + i);
            s.add("s-" + i, i);
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(s.indexOf(ids.get(i))).isEqualTo(i);
        }
        assertThat(s.indexOf("s-missing")).isEqualTo(-1);

        // when every even sensor is dropped
        int dropped = s.sweep(i -> s.seen(i) % 2 == 0);

        // then the odd ones are found at their new places, in order, and the even ones are gone
        assertThat(dropped).isEqualTo(ids.size() / 2);
        assertThat(s.size()).isEqualTo(ids.size() / 2);
        for (int i = 0; i < ids.size(); i++) {
            int at = s.indexOf(ids.get(i));
            if (i % 2 == 0) {
                assertThat(at).isEqualTo(-1);
            } else {
                assertThat(at).isEqualTo(i / 2);
                assertThat(s.id(at)).isEqualTo(ids.get(i));
                assertThat(s.seen(at)).isEqualTo(i);
            }
        }
    }

    @Test
    void aFewSensorsAreFoundByScanningInAnyOrder() {
        GatewayState s = new GatewayState();
        s.add("a", 1);
        s.add("b", 2);
        s.add("c", 3);

        assertThat(s.indexOf("c")).isEqualTo(2);
        assertThat(s.indexOf("a")).isEqualTo(0);
        assertThat(s.indexOf("b")).isEqualTo(1);
        assertThat(s.indexOf(new String("b"))).isEqualTo(1); // equal, not the same instance
        assertThat(s.indexOf("d")).isEqualTo(-1);
    }

    @Test
    void itIsEmptyOnlyWithoutSensorsHealthOrPendingReadings() {
        GatewayState s = new GatewayState();
        assertThat(s.isEmpty()).isTrue();
        s.pendingSensors(1);
        assertThat(s.isEmpty()).isFalse();
        s.pendingSensors(0);
        s.health(GatewayHealth.empty());
        assertThat(s.isEmpty()).isTrue();
        s.add("a", 1);
        assertThat(s.isEmpty()).isFalse();
        s.sweep(i -> true);
        assertThat(s.isEmpty()).isTrue();
    }
}
