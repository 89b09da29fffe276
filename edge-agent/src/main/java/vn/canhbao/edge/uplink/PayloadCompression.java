package vn.canhbao.edge.uplink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip (RFC 1952) for uplink payloads. The ingest side recognises a gzip payload by its magic bytes
 * {@code 1f 8b}, which neither a SenML JSON pack ({@code [}) nor a SenML CBOR pack (an array,
 * {@code 0x80-0x9f}) can start with; the MQTT user property {@code content-encoding: gzip} says the
 * same for other readers.
 */
public final class PayloadCompression {
    /** The MQTT 5 user property naming the encoding. */
    public static final String CONTENT_ENCODING = "content-encoding";

    public static final String GZIP = "gzip";

    private PayloadCompression() {}

    /** The gzip form of {@code payload}, at {@link Deflater#BEST_SPEED}. */
    public static byte[] gzip(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 2 + 32);
        try (GZIPOutputStream gz =
                new GZIPOutputStream(out, 512) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                }) {
            gz.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /**
     * A gzip compressor that keeps one zlib state for all its payloads ({@link Deflater#reset()}
     * between them) instead of allocating ~256 KiB of native memory per payload as a new {@link
     * GZIPOutputStream} does. Not thread-safe: one per thread (the uplink's executor owns one). The
     * output is one standard gzip member (RFC 1952), as {@link #gzip(byte[])} gives.
     */
    public static final class Gzipper implements AutoCloseable {
        /**
         * magic, deflate, no flags, no mtime, no extra flags, OS unknown (as the JDK writes it).
         */
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        private final CRC32 crc = new CRC32();
        private byte[] buffer = new byte[4096];

        public byte[] gzip(byte[] payload) {
            deflater.reset();
            deflater.setInput(payload);
            deflater.finish();
            int n = HEADER.length;
            System.arraycopy(HEADER, 0, buffer, 0, n);
            while (!deflater.finished()) {
                if (n == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                n += deflater.deflate(buffer, n, buffer.length - n);
            }
            crc.reset();
            crc.update(payload);
            byte[] out = Arrays.copyOf(buffer, n + 8);
            putIntLe(out, n, (int) crc.getValue());
            putIntLe(out, n + 4, payload.length);
            return out;
        }

        private static void putIntLe(byte[] b, int at, int v) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
            b[at + 2] = (byte) (v >>> 16);
            b[at + 3] = (byte) (v >>> 24);
        }

        /** Frees the native zlib state. */
        @Override
        public void close() {
            deflater.end();
        }
    }

    public static boolean isGzip(byte[] payload) {
        return payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
    }
}
