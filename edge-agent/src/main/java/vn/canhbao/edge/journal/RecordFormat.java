package vn.canhbao.edge.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * On-disk layout of a record and of a removal mark (big-endian). Journal-internal.
 *
 * <pre>
 * record:  int bodyLength | int crc32c(bodyLength, body) | body
 *          body = long id | byte priority | int readings | payload
 * removal: long id | byte kind | int crc32c(id, kind)
 * </pre>
 */
final class RecordFormat {
    static final int HEADER_BYTES = 8;
    static final int BODY_FIXED_BYTES = 13;
    static final int REMOVAL_BYTES = 13;
    static final byte REMOVED_ACKNOWLEDGED = 1;
    static final byte REMOVED_EVICTED = 2;

    private RecordFormat() {}

    static int recordBytes(int payloadLength) {
        return HEADER_BYTES + BODY_FIXED_BYTES + payloadLength;
    }

    /** Writes a whole record into {@code out} (cleared, then flipped for reading). */
    static void encodeRecord(
            ByteBuffer out, long id, Priority priority, int readings, byte[] payload) {
        int bodyLength = BODY_FIXED_BYTES + payload.length;
        out.clear();
        out.putInt(bodyLength);
        out.putInt(0);
        out.putLong(id);
        out.put((byte) priority.code());
        out.putInt(readings);
        out.put(payload);
        out.flip();
        out.putInt(4, crc(out, 0, 4, HEADER_BYTES, bodyLength));
    }

    static int crc(ByteBuffer b, int lengthAt, int lengthBytes, int bodyAt, int bodyLength) {
        CRC32C c = new CRC32C();
        c.update(b.duplicate().position(lengthAt).limit(lengthAt + lengthBytes));
        c.update(b.duplicate().position(bodyAt).limit(bodyAt + bodyLength));
        return (int) c.getValue();
    }

    static void encodeRemoval(ByteBuffer out, long id, byte kind) {
        out.clear();
        out.putLong(id);
        out.put(kind);
        CRC32C c = new CRC32C();
        c.update(out.duplicate().flip());
        out.putInt((int) c.getValue());
        out.flip();
    }

    /** Whether the 13 bytes at {@code b}'s position are a valid removal mark. */
    static boolean validRemoval(ByteBuffer b) {
        int at = b.position();
        CRC32C c = new CRC32C();
        c.update(b.duplicate().limit(at + 9));
        byte kind = b.get(at + 8);
        return (int) c.getValue() == b.getInt(at + 9)
                && (kind == REMOVED_ACKNOWLEDGED || kind == REMOVED_EVICTED);
    }
}
