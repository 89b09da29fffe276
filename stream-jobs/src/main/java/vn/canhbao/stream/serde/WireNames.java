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
            int length = in.readUnsignedShort();
            byte[] bytes = readBytes(in, buffer, length);
            int hash = hash(bytes, length);
            long w0 = word(bytes, 0, length);
            long w1 = word(bytes, 8, length);
            int set = set(hash);
            Entry<T> first = slots[set];
            if (first != null && first.matches(hash, length, w0, w1, bytes)) {
                return first.id;
            }
            Entry<T> second = slots[set + 1];
            if (second != null && second.matches(hash, length, w0, w1, bytes)) {
                return second.id;
            }
            T id = parse.apply(decode(bytes, length));
            // Newest first: the previous first becomes the second, the previous second is dropped.
            if (first != null) {
                slots[set + 1] = first;
            }
            slots[set] =
                    new Entry<>(
                            hash,
                            length,
                            w0,
                            w1,
                            length > INLINE_BYTES ? Arrays.copyOf(bytes, length) : null,
                            id);
            return id;
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
    private static final class Entry<T> {
        final int hash;
        final int length;
        final long w0;
        final long w1;

        /** All the bytes when longer than {@link #INLINE_BYTES}, else null. */
        final byte[] bytes;

        final T id;

        Entry(int hash, int length, long w0, long w1, byte[] bytes, T id) {
            this.hash = hash;
            this.length = length;
            this.w0 = w0;
            this.w1 = w1;
            this.bytes = bytes;
            this.id = id;
        }

        boolean matches(int hash, int length, long w0, long w1, byte[] other) {
            return this.hash == hash
                    && this.length == length
                    && this.w0 == w0
                    && this.w1 == w1
                    && (bytes == null || Arrays.equals(bytes, 0, length, other, 0, length));
        }
    }

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
