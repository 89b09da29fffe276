package vn.canhbao.edge.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;

/** One segment file: records with ids from {@code baseId} on, in append order. Journal-internal. */
final class Segment {
    static final String PREFIX = "seg-";
    static final String SUFFIX = ".jnl";

    final long baseId;
    final Path path;
    final FileChannel channel;

    /** Bytes of valid records; the append position. */
    long size;

    /** Bit {@code id - baseId} is set while that record is live. */
    final BitSet live = new BitSet();

    int liveCount;

    /** Highest id written to this segment, or {@code baseId - 1}. */
    long lastId;

    Segment(long baseId, Path path, FileChannel channel, long size) {
        this.baseId = baseId;
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.lastId = baseId - 1;
    }

    static String fileName(long baseId) {
        return String.format("%s%020d%s", PREFIX, baseId, SUFFIX);
    }

    /** The base id of a segment file name, or -1 when it is not one. */
    static long baseIdOf(String fileName) {
        if (!fileName.startsWith(PREFIX)
                || !fileName.endsWith(SUFFIX)
                || fileName.length() != PREFIX.length() + 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(PREFIX.length(), PREFIX.length() + 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void markLive(long id) {
        live.set(Math.toIntExact(id - baseId));
        liveCount++;
    }

    /**
     * @return whether the record was live
     */
    boolean markRemoved(long id) {
        int bit = Math.toIntExact(id - baseId);
        if (!live.get(bit)) {
            return false;
        }
        live.clear(bit);
        liveCount--;
        return true;
    }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a file we only read or already forced: nothing to lose
        }
    }
}
