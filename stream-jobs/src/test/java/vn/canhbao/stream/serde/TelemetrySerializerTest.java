package vn.canhbao.stream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UTFDataFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryRecord;

class TelemetrySerializerTest {
    private static final Instant TIME = Instant.parse("2026-09-30T01:02:03.123456789Z");
    private static final Instant RECEIVED = Instant.parse("2026-09-30T01:02:04.5Z");

    private static TelemetryRecord record(String gateway, String sensor, Quantity q, long seq) {
        return new TelemetryRecord(
                GatewayId.of(gateway),
                SensorId.of(sensor),
                q,
                q.unit(),
                q.min(),
                TIME,
                seq,
                RECEIVED);
    }

    private static byte[] serialize(TelemetryRecord r) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TelemetrySerializer.INSTANCE.serialize(r, out);
        return out.getCopyOfBuffer();
    }

    private static TelemetryRecord deserialize(byte[] bytes) throws IOException {
        return TelemetrySerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
    }

    /** A record as the serializer lays it out, with any strings in the three string fields. */
    private static byte[] wire(String gateway, String sensor, String quantity) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(gateway);
        out.writeUTF(sensor);
        out.writeUTF(quantity);
        writeRest(out);
        return out.getCopyOfBuffer();
    }

    /** value 0, {@link #TIME}, seq 7, {@link #RECEIVED}: the fields after the strings. */
    private static void writeRest(DataOutputSerializer out) throws IOException {
        out.writeDouble(0);
        out.writeLong(TIME.getEpochSecond());
        out.writeInt(TIME.getNano());
        out.writeLong(7);
        out.writeLong(RECEIVED.getEpochSecond());
        out.writeInt(RECEIVED.getNano());
    }

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
    void theBytesAreThoseOfWriteUtfOfEachFieldThenTheNumbers() throws IOException {
        // given
        TelemetryRecord r = record("gw-nam-cang", "rg-nam-cang", Quantity.RAIN, 7);

        // when
        byte[] bytes = serialize(r);

        // then: the layout of version 1, unchanged (keyed state holds these bytes)
        assertThat(bytes).isEqualTo(wire("gw-nam-cang", "rg-nam-cang", "rain"));
        assertThat(bytes)
                .startsWith(
                        0, 11, 'g', 'w', '-', 'n', 'a', 'm', '-', 'c', 'a', 'n', 'g', 0, 11, 'r',
                        'g', '-', 'n', 'a', 'm', '-', 'c', 'a', 'n', 'g', 0, 4, 'r', 'a', 'i', 'n');
        assertThat(bytes).hasSize(2 + 11 + 2 + 11 + 2 + 4 + 8 + 8 + 4 + 8 + 8 + 4);
    }

    @Test
    void everyQuantityIsReadBackAsItself() throws IOException {
        for (Quantity q : Quantity.values()) {
            TelemetryRecord back = deserialize(serialize(record("gw-1", "s-1", q, 1)));

            assertThat(back.quantity()).isSameAs(q);
            assertThat(back.unit()).isEqualTo(q.unit());
        }
    }

    @Test
    void moreDistinctIdsThanTheCachesHoldRoundTripAndReadAgainAfterEviction() throws IOException {
        // given: ids in every set of both caches, several times over
        int count = 2 * WireNames.SLOTS + 1;

        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < count; i++) {
                // when
                TelemetryRecord back =
                        deserialize(
                                serialize(record("gw-" + i, "s-" + i + "-x", Quantity.TILT, i)));

                // then
                assertThat(back.gateway()).isEqualTo(GatewayId.of("gw-" + i));
                assertThat(back.sensor()).isEqualTo(SensorId.of("s-" + i + "-x"));
                assertThat(back.seq()).isEqualTo(i);
            }
        }
    }

    @Test
    void idsSharingACacheSetAreEachReadAsThemselves() throws IOException {
        // given: five sensor ids of the same set (two entries) of the shared sensor cache
        List<String> colliding = collidingIds(WireNames.SENSORS, "s-", 5);

        for (int round = 0; round < 20; round++) {
            for (String sensor : colliding) {
                // when
                TelemetryRecord back =
                        deserialize(serialize(record("gw-1", sensor, Quantity.RAIN, round)));

                // then
                assertThat(back.sensor()).isEqualTo(SensorId.of(sensor));
            }
        }
    }

    @Test
    void aCacheHitParsesNothingAndAnEvictedIdIsParsedAgain() throws IOException {
        // given: a cache of two sets, and three ids of one set
        AtomicInteger parses = new AtomicInteger();
        WireNames.IdCache<SensorId> cache =
                new WireNames.IdCache<>(
                        4,
                        s -> {
                            parses.incrementAndGet();
                            return SensorId.of(s);
                        });
        List<String> ids = collidingIds(cache, "id-", 3);
        byte[] buffer = new byte[WireNames.BUFFER_BYTES];

        // when, then
        SensorId a = read(cache, ids.get(0), buffer);
        assertThat(parses).hasValue(1);
        assertThat(read(cache, ids.get(0), buffer)).isSameAs(a);
        assertThat(parses).hasValue(1);

        SensorId b = read(cache, ids.get(1), buffer);
        assertThat(read(cache, ids.get(0), buffer)).isSameAs(a);
        assertThat(read(cache, ids.get(1), buffer)).isSameAs(b);
        assertThat(parses).hasValue(2);

        // the third replaces the older of the two
        assertThat(read(cache, ids.get(2), buffer)).isEqualTo(SensorId.of(ids.get(2)));
        assertThat(parses).hasValue(3);
        assertThat(read(cache, ids.get(1), buffer)).isSameAs(b);
        assertThat(parses).hasValue(3);
        SensorId again = read(cache, ids.get(0), buffer);
        assertThat(parses).hasValue(4);
        assertThat(again).isEqualTo(a).isNotSameAs(a);
    }

    @Test
    void longIdsWithTheSameHashAndTheSameFirstSixteenBytesAreToldApartByTheirTails()
            throws IOException {
        // given: two 18-byte names equal in their first 16 bytes (kept inside the cache entry) and
        // in their hash ("Aa" and "BB" add the same to a base-31 polynomial), in one cache
        WireNames.IdCache<String> cache = new WireNames.IdCache<>(4, s -> s);
        String a = "site-xa-lao-cai-0Aa";
        String b = "site-xa-lao-cai-0BB";
        assertThat(cache.setOf(a)).isEqualTo(cache.setOf(b));
        byte[] buffer = new byte[WireNames.BUFFER_BYTES];

        // when, then: each is read as itself, from the cache or not
        for (int round = 0; round < 3; round++) {
            assertThat(readName(cache, a, buffer)).isEqualTo(a);
            assertThat(readName(cache, b, buffer)).isEqualTo(b);
        }
    }

    private static String readName(WireNames.IdCache<String> cache, String name, byte[] buffer)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(name);
        return cache.read(new DataInputDeserializer(out.getCopyOfBuffer()), buffer);
    }

    @Test
    void aCacheIsAPowerOfTwoOfAtLeastFourSlots() {
        assertThatThrownBy(() -> new WireNames.IdCache<>(2, SensorId::of))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WireNames.IdCache<>(12, SensorId::of))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidIdsOnTheWireAreRefusedNamingTheFieldAsTheContractDoes() {
        String tooLong = "a".repeat(64);
        String longerThanTheBuffer = "b".repeat(WireNames.BUFFER_BYTES * 3);

        assertRefusedLike(
                () -> deserialize(wire("gw nam", "s-1", "rain")),
                () -> GatewayId.of("gw nam"),
                "gatewayId");
        assertRefusedLike(
                () -> deserialize(wire("gw-1", tooLong, "rain")),
                () -> SensorId.of(tooLong),
                "sensorId");
        assertRefusedLike(
                () -> deserialize(wire("gw-1", longerThanTheBuffer, "rain")),
                () -> SensorId.of(longerThanTheBuffer),
                "sensorId");
        assertRefusedLike(
                () -> deserialize(wire("", "s-1", "rain")), () -> GatewayId.of(""), "gatewayId");
        assertRefusedLike(
                () -> deserialize(wire("gw-1", "-s", "rain")), () -> SensorId.of("-s"), "sensorId");
    }

    @Test
    void nonAsciiIdsOnTheWireAreDecodedAndRefusedAsTheContractRefusesThem() {
        // Ids are [a-z0-9-] only: the message shows the id decoded exactly as readUTF would.
        for (String id : List.of("gw-đà-nẵng", "gw-\u0000", "gw-\uD83C\uDF27", "ñ", "gw-é1")) {
            assertRefusedLike(
                    () -> deserialize(wire(id, "s-1", "rain")),
                    () -> GatewayId.of(id),
                    "gatewayId");
            assertRefusedLike(
                    () -> deserialize(wire("gw-1", id, "rain")), () -> SensorId.of(id), "sensorId");
        }
    }

    @Test
    void bytesThatReadUtfAcceptsAreReadAsReadUtfReadsThem() throws IOException {
        // given: "gw" with its 'w' in the two-byte form readUTF also accepts, then the usual form
        byte[] twoByteW = new byte[] {0, 3, 'g', (byte) 0xC1, (byte) 0xB7};
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.write(twoByteW);
        out.writeUTF("s-1");
        out.writeUTF("rain");
        writeRest(out);
        String expected = new DataInputDeserializer(twoByteW).readUTF();

        // when
        TelemetryRecord first = deserialize(out.getCopyOfBuffer());
        TelemetryRecord second = deserialize(out.getCopyOfBuffer());

        // then
        assertThat(expected).isEqualTo("gw");
        assertThat(first.gateway()).isEqualTo(GatewayId.of(expected));
        assertThat(second.gateway()).isEqualTo(GatewayId.of("gw"));
        assertThat(deserialize(wire("gw", "s-1", "rain")).gateway()).isEqualTo(first.gateway());
    }

    @Test
    void bytesThatAreNotModifiedUtf8AreRefusedAsReadUtfRefusesThem() throws IOException {
        // given: a lone continuation byte
        byte[] malformed = new byte[] {0, 3, 'g', (byte) 0x80, 'w'};
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.write(malformed);
        out.writeUTF("s-1");
        out.writeUTF("rain");
        writeRest(out);

        // when
        Throwable readUtf = catchThrowable(() -> new DataInputDeserializer(malformed).readUTF());
        Throwable ours = catchThrowable(() -> deserialize(out.getCopyOfBuffer()));

        // then
        assertThat(readUtf).isInstanceOf(UTFDataFormatException.class);
        assertThat(ours).isInstanceOf(UTFDataFormatException.class);
    }

    @Test
    void anUnknownQuantityIsRefusedNamingTheFieldAsTheContractDoes() {
        for (String name : List.of("snow", "Rain", "rain ", "", "mưa", "q".repeat(300))) {
            assertRefusedLike(
                    () -> deserialize(wire("gw-1", "s-1", name)),
                    () -> Quantity.fromWire(name),
                    "quantity");
        }
    }

    @Test
    void theSnapshotRestoresTheSameSerializer() {
        assertThat(TelemetrySerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(TelemetrySerializer.INSTANCE);
    }

    /** The first {@code count} ids {@code prefix + i} that fall into one set of {@code cache}. */
    static List<String> collidingIds(WireNames.IdCache<?> cache, String prefix, int count) {
        int set = cache.setOf(prefix + 0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < count; i++) {
            if (cache.setOf(prefix + i) == set) {
                ids.add(prefix + i);
            }
        }
        return ids;
    }

    private static SensorId read(WireNames.IdCache<SensorId> cache, String id, byte[] buffer)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(id);
        return cache.read(new DataInputDeserializer(out.getCopyOfBuffer()), buffer);
    }

    /** {@code ours} throws what {@code contract} throws, for {@code field}. */
    static void assertRefusedLike(ThrowingCallable ours, ThrowingCallable contract, String field) {
        ContractViolation expected = catchThrowableOfType(ContractViolation.class, contract);
        ContractViolation actual = catchThrowableOfType(ContractViolation.class, ours);

        assertThat(expected).isNotNull();
        assertThat(actual).isNotNull();
        assertThat(actual.field()).isEqualTo(field).isEqualTo(expected.field());
        assertThat(actual.value()).isEqualTo(expected.value());
        assertThat(actual).hasMessage(expected.getMessage());
    }
}
