package vn.canhbao.edge.journal;

import java.nio.file.Path;
import java.time.Duration;
import vn.canhbao.contracts.ContractViolation;

/**
 * Configuration of a {@link Journal}. Every component is checked; a bad value throws {@link
 * ContractViolation} naming the field and the value.
 *
 * @param dir the journal's own directory (created if missing; one journal per directory, locked
 *     while open)
 * @param maxBytes ceiling on the bytes of live records (headers included), at least {@code
 *     segmentBytes}; when an append would exceed it, records are evicted by {@link Priority}
 * @param segmentBytes size at which the active segment file is closed and a new one started, 4 KiB
 *     to 1 GiB; also the largest record accepted
 * @param fsyncInterval group fsync period: an append is durable against power loss at the next
 *     fsync; {@link Duration#ZERO} forces every append and acknowledgement at once; at most 10 s
 */
public record JournalConfig(Path dir, long maxBytes, int segmentBytes, Duration fsyncInterval) {
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024;
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(20);
    static final int MIN_SEGMENT_BYTES = 4 * 1024;
    static final int MAX_SEGMENT_BYTES = 1 << 30;
    static final Duration MAX_FSYNC_INTERVAL = Duration.ofSeconds(10);

    public JournalConfig {
        if (dir == null) {
            throw new ContractViolation("dir", null, "expected a directory");
        }
        if (fsyncInterval == null) {
            throw new ContractViolation("fsyncInterval", null, "expected a duration");
        }
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new ContractViolation(
                    "segmentBytes",
                    segmentBytes,
                    "expected " + MIN_SEGMENT_BYTES + " to " + MAX_SEGMENT_BYTES + " bytes");
        }
        if (maxBytes < segmentBytes) {
            throw new ContractViolation(
                    "maxBytes", maxBytes, "expected at least segmentBytes (" + segmentBytes + ")");
        }
        if (fsyncInterval.isNegative() || fsyncInterval.compareTo(MAX_FSYNC_INTERVAL) > 0) {
            throw new ContractViolation(
                    "fsyncInterval", fsyncInterval.toString(), "expected PT0S to PT10S");
        }
    }

    /** 256 MiB, 4 MiB segments, group fsync every 20 ms. */
    public static JournalConfig defaults(Path dir) {
        return new JournalConfig(
                dir, DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES, DEFAULT_FSYNC_INTERVAL);
    }

    public JournalConfig withMaxBytes(long value) {
        return new JournalConfig(dir, value, segmentBytes, fsyncInterval);
    }

    public JournalConfig withSegmentBytes(int value) {
        return new JournalConfig(dir, maxBytes, value, fsyncInterval);
    }

    public JournalConfig withFsyncInterval(Duration value) {
        return new JournalConfig(dir, maxBytes, segmentBytes, value);
    }
}
