package vn.canhbao.stream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.canhbao.stream.serde.TelemetrySerializerTest.assertRefusedLike;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryPack.PackedReading;

class TelemetryPackSerializerTest {
    private static final Instant T0 = Instant.parse("2026-09-30T01:02:03.123456789Z");
    private static final Quantity[] QUANTITIES = Quantity.values();

    private static PackedReading reading(String sensor, Quantity q, long seq) {
        return new PackedReading(
                SensorId.of(sensor), q, q.unit(), q.max(), T0.plusSeconds(seq), seq);
    }

    private static byte[] serialize(TelemetryPack p) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TelemetryPackSerializer.INSTANCE.serialize(p, out);
        return out.getCopyOfBuffer();
    }

    private static TelemetryPack deserialize(byte[] bytes) throws IOException {
        return TelemetryPackSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
    }

    /** A pack of one reading as the serializer lays it out, with any strings in its strings. */
    private static byte[] wire(String gateway, String sensor, String quantity) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(gateway);
        out.writeLong(T0.getEpochSecond());
        out.writeInt(T0.getNano());
        out.writeInt(1);
        out.writeUTF(sensor);
        out.writeUTF(quantity);
        out.writeDouble(0);
        out.writeLong(T0.getEpochSecond());
        out.writeInt(T0.getNano());
        out.writeLong(3);
        return out.getCopyOfBuffer();
    }

    /** Pack {@code i} of the concurrency test: ids shared with other packs, more than cached. */
    private static TelemetryPack pack(int i) {
        List<PackedReading> readings = new ArrayList<>(3);
        for (int k = 0; k < 3; k++) {
            int n = (i * 3 + k) % 90_000;
            readings.add(reading("s-" + n, QUANTITIES[n % QUANTITIES.length], i));
        }
        return new TelemetryPack(GatewayId.of("gw-" + i % 3_000), T0.plusMillis(i), readings);
    }

    @Test
    void theBytesAreThoseOfWriteUtfOfEachStringThenTheNumbers() throws IOException {
        // given
        TelemetryPack p =
                new TelemetryPack(
                        GatewayId.of("gw-1"),
                        T0,
                        List.of(
                                reading("s-1", Quantity.RAIN, 3),
                                reading("s-2", Quantity.TILT, 4)));
        DataOutputSerializer expected = new DataOutputSerializer(64);
        expected.writeUTF("gw-1");
        expected.writeLong(T0.getEpochSecond());
        expected.writeInt(T0.getNano());
        expected.writeInt(2);
        for (PackedReading r : p.readings()) {
            expected.writeUTF(r.sensor().value());
            expected.writeUTF(r.quantity().wireName());
            expected.writeDouble(r.value());
            expected.writeLong(r.time().getEpochSecond());
            expected.writeInt(r.time().getNano());
            expected.writeLong(r.seq());
        }

        // when
        byte[] bytes = serialize(p);

        // then: the layout of version 1, unchanged
        assertThat(bytes).isEqualTo(expected.getCopyOfBuffer());
        assertThat(bytes).startsWith(0, 4, 'g', 'w', '-', '1');
        assertThat(bytes).containsSequence(0, 3, 's', '-', '2', 0, 4, 't', 'i', 'l', 't');
        assertThat(deserialize(bytes)).isEqualTo(p);
    }

    @Test
    void packsWithMoreDistinctSensorsThanTheCacheHoldsRoundTripTwice() throws IOException {
        // given
        int packs = 2 * WireNames.SLOTS / 100 + 1;

        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < packs; i++) {
                List<PackedReading> readings = new ArrayList<>(100);
                for (int k = 0; k < 100; k++) {
                    readings.add(reading("p-" + i + "-" + k, Quantity.WATER_LEVEL, k));
                }
                TelemetryPack p = new TelemetryPack(GatewayId.of("gw-p-" + i), T0, readings);

                // when
                TelemetryPack back = deserialize(serialize(p));

                // then
                assertThat(back).isEqualTo(p);
                assertThat(back.gateway()).isEqualTo(GatewayId.of("gw-p-" + i));
                assertThat(back.readings().get(99).sensor())
                        .isEqualTo(SensorId.of("p-" + i + "-99"));
            }
        }
    }

    @Test
    void aPackOfSensorsSharingACacheSetRoundTrips() throws IOException {
        // given
        List<String> colliding = TelemetrySerializerTest.collidingIds(WireNames.SENSORS, "c-", 6);
        List<PackedReading> readings = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String sensor : colliding) {
                readings.add(reading(sensor, Quantity.HUMIDITY, round));
            }
        }
        TelemetryPack p = new TelemetryPack(GatewayId.of("gw-c"), T0, readings);

        // when
        TelemetryPack back = deserialize(serialize(p));

        // then
        assertThat(back).isEqualTo(p);
        for (int i = 0; i < readings.size(); i++) {
            assertThat(back.readings().get(i).sensor())
                    .isEqualTo(SensorId.of(colliding.get(i % colliding.size())));
        }
    }

    @Test
    void twoThreadsDecodingPacksOfTheSameIdsAtOnceEachGetTheirOwnPacks() throws Exception {
        // given: both threads go through the same 100,000 packs, so they read, miss and replace
        // the same cache entries at the same time
        int packs = 100_000;
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> decoder =
                () -> {
                    DataOutputSerializer out = new DataOutputSerializer(256);
                    DataInputDeserializer in = new DataInputDeserializer();
                    start.await();
                    int wrong = 0;
                    for (int i = 0; i < packs; i++) {
                        TelemetryPack expected = pack(i);
                        out.clear();
                        TelemetryPackSerializer.INSTANCE.serialize(expected, out);
                        in.setBuffer(out.getSharedBuffer(), 0, out.length());
                        if (!TelemetryPackSerializer.INSTANCE.deserialize(in).equals(expected)) {
                            wrong++;
                        }
                    }
                    return wrong;
                };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = threads.submit(decoder);
            Future<Integer> second = threads.submit(decoder);

            // when
            start.countDown();

            // then
            assertThat(first.get(2, TimeUnit.MINUTES)).isZero();
            assertThat(second.get(2, TimeUnit.MINUTES)).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anInvalidSensorOrQuantityInAPackIsRefusedNamingTheField() {
        assertRefusedLike(
                () -> deserialize(wire("gw-1", "S-1", "rain")),
                () -> SensorId.of("S-1"),
                "sensorId");
        assertRefusedLike(
                () -> deserialize(wire("gw-1", "s-nẵng", "rain")),
                () -> SensorId.of("s-nẵng"),
                "sensorId");
        assertRefusedLike(
                () -> deserialize(wire("gw_1", "s-1", "rain")),
                () -> GatewayId.of("gw_1"),
                "gatewayId");
        assertRefusedLike(
                () -> deserialize(wire("gw-1", "s-1", "hail")),
                () -> Quantity.fromWire("hail"),
                "quantity");
    }
}
