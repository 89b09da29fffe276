package vn.canhbao.stream.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.apache.flink.core.memory.DataInputView;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

/**
 * Reads the gateway ids, sensor ids and quantity names the telemetry serializers write with {@code
 * writeUTF}, without building a {@code String} for the ones seen before.
 *
 * <p>Why bytes: the hazard job decodes an id for every reading after every exchange, out of some
 * 15,000 distinct ids. Going through {@code readUTF} meant decoding modified UTF-8 into a new
 * {@code String}, hashing that fresh string and probing a large map, about a tenth of the job's
 * busiest thread. The same id always arrives as the same bytes, so a cache keyed by the bytes
 * themselves answers a hit with one hash over a few bytes and one byte comparison, and only a miss
 * decodes the string (exactly as {@code DataInput.readUTF} does) and checks it against the contract
 * ({@link GatewayId#of}, {@link SensorId#of}, which throw on invalid ids as before). The bytes on
 * the wire stay those of {@code writeUTF}: {@link TelemetrySerializer} is also used in keyed state.
 *
 * <p>Each cache is a fixed table of two-entry sets, indexed by the hash: a new id replaces the
 * older of the two entries of its set, so the cache is bounded without ever being cleared. Entries
 * are immutable (final fields only), so threads share the table without locks: a thread that sees a
 * stale or overwritten slot merely misses and decodes again.
 */
final class WireNames {
    /**
     * Length of the per-thread read buffer; a valid id or quantity name is shorter, a longer string
     * (refused by the contract anyway) is read into its own array.
     */
    static final int BUFFER_BYTES = 64;

    /** Slots of each id cache (a power of two): four times the number of sensors expected. */
    static final int SLOTS = 1 << 16;

    /** Gateway ids already checked against the contract. */
    static final IdCache<GatewayId> GATEWAYS = new IdCache<>(SLOTS, GatewayId::of);

    /** Sensor ids already checked against the contract. */
    static final IdCache<SensorId> SENSORS = new IdCache<>(SLOTS, SensorId::of);

    /** The serializers are singletons shared by threads; each thread reads into its own buffer. */
    private static final ThreadLocal<byte[]> BUFFERS =
            ThreadLocal.withInitial(() -> new byte[BUFFER_BYTES]);

    /** {@link Quantity#values()} and, at the same index, the {@code writeUTF} bytes of its name. */
    private static final Quantity[] QUANTITIES = Quantity.values();

    private static final byte[][] QUANTITY_BYTES = new byte[QUANTITIES.length][];

    static {
        for (int i = 0; i < QUANTITIES.length; i++) {
            QUANTITY_BYTES[i] = encode(QUANTITIES[i].wireName());
        }
    }

    private WireNames() {}

    /** This thread's read buffer, to pass to the reads of one {@code deserialize} call. */
    static byte[] buffer() {
        return BUFFERS.get();
    }

    /**
     * Reads a quantity's wire name written by {@code writeUTF}.
     *
     * @throws vn.canhbao.contracts.ContractViolation naming {@code quantity} when the name is not a
     *     known quantity, as {@link Quantity#fromWire} does
     */
    static Quantity readQuantity(DataInputView in, byte[] buffer) throws IOException {
        int length = in.readUnsignedShort();
        byte[] bytes = readBytes(in, buffer, length);
        for (int i = 0; i < QUANTITY_BYTES.length; i++) {
            byte[] name = QUANTITY_BYTES[i];
            if (name.length == length && Arrays.equals(name, 0, length, bytes, 0, length)) {
                return QUANTITIES[i];
            }
        }
        return Quantity.fromWire(decode(bytes, length));
    }

    /**
     * A bounded, thread-safe cache of validated ids keyed by their {@code writeUTF} bytes.
     *
     * @param <T> the id type
     */
    static final class IdCache<T> {
        private final Entry<T>[] slots;
        private final int shift;
        private final Function<String, T> parse;

        /**
         * @param slots the table's size, a power of two of at least 4
         * @param parse checks a decoded id against the contract, throwing when it is invalid
         */
        @SuppressWarnings("unchecked")
        IdCache(int slots, Function<String, T> parse) {
            if (slots < 4 || Integer.bitCount(slots) != 1) {
                throw new IllegalArgumentException("slots must be a power of two >= 4: " + slots);
            }
            this.slots = (Entry<T>[]) new Entry<?>[slots];
            // Keeps log2(slots / 2) bits: one set per two slots.
            this.shift = Integer.numberOfLeadingZeros(slots) + 2;
            this.parse = parse;
        }

        /**
         * Reads an id written by {@code writeUTF}: the cached id when these bytes were read before,
         * otherwise the decoded and checked one.
         *
         * @throws vn.canhbao.contracts.ContractViolation from {@code parse} when the id is invalid
         * @throws java.io.UTFDataFormatException when the bytes are not modified UTF-8
         */
        T read(DataInputView in, byte[] buffer) throws IOException {
            return readEntry(in, buffer).id;
        }

        /** As {@link #read}, giving the cache entry (which holds the id's sensor table). */
        Entry<T> readEntry(DataInputView in, byte[] buffer) throws IOException {
            int length = in.readUnsignedShort();
            byte[] bytes = readBytes(in, buffer, length);
            return entry(bytes, length);
        }

        /** The entry of the id written as these bytes: cached, or decoded, checked and cached. */
        Entry<T> entry(byte[] bytes, int length) throws IOException {
            int hash = hash(bytes, length);
            long w0 = word(bytes, 0, length);
            long w1 = word(bytes, 8, length);
            int set = set(hash);
            Entry<T> first = slots[set];
            if (first != null && first.matches(hash, length, w0, w1, bytes)) {
                return first;
            }
            Entry<T> second = slots[set + 1];
            if (second != null && second.matches(hash, length, w0, w1, bytes)) {
                return second;
            }
            T id = parse.apply(decode(bytes, length));
            // Newest first: the previous first becomes the second, the previous second is dropped.
            if (first != null) {
                slots[set + 1] = first;
            }
            Entry<T> e =
                    new Entry<>(
                            hash,
                            length,
                            w0,
                            w1,
                            length > INLINE_BYTES ? Arrays.copyOf(bytes, length) : null,
                            id,
                            SensorTable.EMPTY);
            slots[set] = e;
            return e;
        }

        /**
         * Puts {@code updated} where {@code old} is, if it still is (a racing thread may have
         * replaced it; then this update is lost, and made again at the next read).
         */
        void replace(Entry<T> old, Entry<T> updated) {
            int set = set(old.hash);
            if (slots[set] == old) {
                slots[set] = updated;
            } else if (slots[set + 1] == old) {
                slots[set + 1] = updated;
            }
        }

        /**
         * The first slot of the set of {@code value}'s bytes (for tests looking for collisions).
         */
        int setOf(String value) {
            byte[] bytes = encode(value);
            return set(hash(bytes, bytes.length));
        }

        private int set(int hash) {
            // The high bits of the multiplied hash, rounded down to an even slot.
            return (hash >>> shift) << 1;
        }
    }

    /**
     * An id with the bytes it was read from; final fields only, so it is safe to share racily. The
     * first {@link #INLINE_BYTES} bytes are held in two longs inside the entry, so a hit on a short
     * id reads one object (a separate byte array was one more cache miss per look-up).
     */
    static final class Entry<T> {
        final int hash;
        final int length;
        final long w0;
        final long w1;

        /** All the bytes when longer than {@link #INLINE_BYTES}, else null. */
        final byte[] bytes;

        final T id;

        /** For a gateway id: the sensor ids read in its packs (see {@link #readSensor}). */
        final SensorTable sensors;

        Entry(int hash, int length, long w0, long w1, byte[] bytes, T id, SensorTable sensors) {
            this.hash = hash;
            this.length = length;
            this.w0 = w0;
            this.w1 = w1;
            this.bytes = bytes;
            this.id = id;
            this.sensors = sensors;
        }

        T id() {
            return id;
        }

        Entry<T> withSensors(SensorTable table) {
            return new Entry<>(hash, length, w0, w1, bytes, id, table);
        }

        boolean matches(int hash, int length, long w0, long w1, byte[] other) {
            return this.hash == hash
                    && this.length == length
                    && this.w0 == w0
                    && this.w1 == w1
                    && (bytes == null || Arrays.equals(bytes, 0, length, other, 0, length));
        }
    }

    /**
     * Reading the sensor ids of one pack: its gateway's entry (replaced when a sensor is added to
     * the gateway's table) and where the last sensor was found.
     */
    static final class PackCursor {
        Entry<GatewayId> gateway;
        int at = -1;

        PackCursor(Entry<GatewayId> gateway) {
            this.gateway = gateway;
        }
    }

    /**
     * Reads a sensor id of a pack: first in its gateway's own table of the sensor ids its packs
     * carried, then in {@link #SENSORS}. A pack's sensors are found in one small table that its
     * gateway's entry (already read) points to, instead of two cache misses each in the large table
     * of every sensor (the job's busiest thread is bound by such misses). A gateway lists its
     * sensors in the same order, so the search starts just after the previous one.
     */
    static SensorId readSensor(PackCursor pack, DataInputView in, byte[] buffer)
            throws IOException {
        int length = in.readUnsignedShort();
        byte[] bytes = readBytes(in, buffer, length);
        int hash = hash(bytes, length);
        long w0 = word(bytes, 0, length);
        long w1 = word(bytes, 8, length);
        SensorTable table = pack.gateway.sensors;
        int i = table.find(pack.at + 1, hash, length, w0, w1, bytes);
        if (i >= 0) {
            pack.at = i;
            return table.ids[i];
        }
        Entry<SensorId> e = SENSORS.entry(bytes, length);
        SensorTable grown = table.with(e);
        if (grown != table) {
            Entry<GatewayId> updated = pack.gateway.withSensors(grown);
            GATEWAYS.replace(pack.gateway, updated);
            pack.gateway = updated;
            pack.at = grown.ids.length - 1;
        }
        return e.id;
    }

    /**
     * The sensor ids read with one gateway, at most {@link #MAX_SENSORS_PER_GATEWAY}: per sensor
     * its hash and length, its first 16 bytes as two longs (all in one array) and its id.
     * Immutable: adding a sensor makes a new table.
     */
    static final class SensorTable {
        static final SensorTable EMPTY =
                new SensorTable(new long[0], new byte[0][], new SensorId[0]);

        final long[] keys;
        final byte[][] tails;
        final SensorId[] ids;

        private SensorTable(long[] keys, byte[][] tails, SensorId[] ids) {
            this.keys = keys;
            this.tails = tails;
            this.ids = ids;
        }

        /** Where the id of these bytes is, looking from {@code from} on and round; -1 if absent. */
        int find(int from, int hash, int length, long w0, long w1, byte[] bytes) {
            int n = ids.length;
            long head = (long) hash << 32 | length;
            for (int k = 0, i = from < n ? from : 0; k < n; k++, i = i + 1 == n ? 0 : i + 1) {
                int j = 3 * i;
                if (keys[j] == head
                        && keys[j + 1] == w0
                        && keys[j + 2] == w1
                        && (tails[i] == null
                                || Arrays.equals(tails[i], 0, length, bytes, 0, length))) {
                    return i;
                }
            }
            return -1;
        }

        /** This table with {@code e}'s id added; this table when it is full. */
        SensorTable with(Entry<SensorId> e) {
            int n = ids.length;
            if (n >= MAX_SENSORS_PER_GATEWAY) {
                return this;
            }
            long[] k = Arrays.copyOf(keys, 3 * (n + 1));
            k[3 * n] = (long) e.hash << 32 | e.length;
            k[3 * n + 1] = e.w0;
            k[3 * n + 2] = e.w1;
            byte[][] t = Arrays.copyOf(tails, n + 1);
            t[n] = e.bytes;
            SensorId[] s = Arrays.copyOf(ids, n + 1);
            s[n] = e.id;
            return new SensorTable(k, t, s);
        }
    }

    /**
     * Sensors of one gateway kept in its table; more are read through {@link #SENSORS} alone (a
     * linear search beyond this would cost more than the misses it saves).
     */
    static final int MAX_SENSORS_PER_GATEWAY = 64;

    /** Bytes of an id kept inside its cache entry. */
    static final int INLINE_BYTES = 16;

    /** Bytes {@code [from, from + 8)} of the first {@code length}, little-endian, zero-padded. */
    static long word(byte[] bytes, int from, int length) {
        long w = 0;
        int end = Math.min(length, from + 8);
        for (int i = from; i < end; i++) {
            w |= (bytes[i] & 0xFFL) << ((i - from) << 3);
        }
        return w;
    }

    private static byte[] readBytes(DataInputView in, byte[] buffer, int length)
            throws IOException {
        byte[] bytes = length <= buffer.length ? buffer : new byte[length];
        in.readFully(bytes, 0, length);
        return bytes;
    }

    /** A polynomial hash of the bytes, multiplied by the golden ratio so its high bits spread. */
    static int hash(byte[] bytes, int length) {
        int h = length;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[i];
        }
        return h * 0x9E3779B9;
    }

    /** The string {@code DataInput.readUTF} gives for these bytes (after their length). */
    static String decode(byte[] bytes, int length) throws IOException {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return decodeModifiedUtf8(bytes, length);
            }
        }
        // Every byte below 0x80 is one character of the same value.
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static String decodeModifiedUtf8(byte[] bytes, int length) throws IOException {
        byte[] prefixed = new byte[length + 2];
        prefixed[0] = (byte) (length >>> 8);
        prefixed[1] = (byte) length;
        System.arraycopy(bytes, 0, prefixed, 2, length);
        return DataInputStream.readUTF(new DataInputStream(new ByteArrayInputStream(prefixed)));
    }

    /** The bytes {@code writeUTF} writes for {@code value}, without the length. */
    static byte[] encode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] prefixed = bytes.toByteArray();
        return Arrays.copyOfRange(prefixed, 2, prefixed.length);
    }
}
