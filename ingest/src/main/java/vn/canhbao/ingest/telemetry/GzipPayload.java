package vn.canhbao.ingest.telemetry;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import vn.canhbao.contracts.ContractViolation;

/**
 * Gateways may send a telemetry pack gzip-compressed (RFC 1952; the edge agent does so for larger
 * packs and also sets the MQTT user property {@code content-encoding: gzip}). A gzip payload is
 * recognised by its magic bytes {@code 1f 8b}, which neither a SenML JSON pack ({@code [}) nor a
 * SenML CBOR pack (an array, {@code 0x80-0x9f}) can start with; anything else passes unchanged.
 */
final class GzipPayload {
    private static final int FTEXT = 1;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private GzipPayload() {}

    static boolean isGzip(byte[] payload) {
        return payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
    }

    /**
     * The decompressed pack, or {@code payload} itself when it is not gzip.
     *
     * @throws ContractViolation (field {@code payload}) for a damaged stream or one that inflates
     *     to more than {@code maxBytes} (a decompression bomb is stopped at the limit)
     */
    static byte[] decodeIfGzip(byte[] payload, int maxBytes) {
        if (!isGzip(payload) || payload.length > maxBytes) {
            return payload; // not gzip, or already too large: the decoder refuses it by size
        }
        if (payload.length < 18 || payload[2] != 8) {
            throw new ContractViolation(
                    "payload", payload.length + " bytes", "not a gzip (deflate) stream");
        }
        int flags = payload[3] & 0xff;
        int at = 10;
        try {
            if ((flags & FEXTRA) != 0) {
                at += 2 + ((payload[at] & 0xff) | (payload[at + 1] & 0xff) << 8);
            }
            if ((flags & FNAME) != 0) {
                while (payload[at++] != 0) {}
            }
            if ((flags & FCOMMENT) != 0) {
                while (payload[at++] != 0) {}
            }
            if ((flags & FHCRC) != 0) {
                at += 2;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new ContractViolation("payload", payload.length + " bytes", "cut gzip header");
        }
        if ((flags & ~(FTEXT | FHCRC | FEXTRA | FNAME | FCOMMENT)) != 0 || at > payload.length) {
            throw new ContractViolation("payload", payload.length + " bytes", "bad gzip header");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(payload, at, payload.length - at);
            byte[] out = new byte[Math.min(maxBytes + 1, Math.max(1024, payload.length * 8))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    if (out.length > maxBytes) {
                        throw new ContractViolation(
                                "payload",
                                payload.length + " bytes",
                                "gzip inflates to more than " + maxBytes + " bytes");
                    }
                    out = java.util.Arrays.copyOf(out, Math.min(maxBytes + 1, out.length * 2));
                }
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ContractViolation(
                            "payload", payload.length + " bytes", "cut gzip stream");
                }
                n += k;
            }
            if (n > maxBytes) {
                throw new ContractViolation(
                        "payload",
                        payload.length + " bytes",
                        "gzip inflates to more than " + maxBytes + " bytes");
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new ContractViolation(
                    "payload", payload.length + " bytes", "damaged gzip stream: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
