package vn.canhbao.edge.uplink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    public static boolean isGzip(byte[] payload) {
        return payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
    }
}
