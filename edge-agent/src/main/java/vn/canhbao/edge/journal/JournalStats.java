package vn.canhbao.edge.journal;

import java.util.Map;

/**
 * A snapshot of a journal's counters.
 *
 * @param records live records (appended, neither acknowledged nor evicted), in flight or not
 * @param bytes their bytes on disk, record headers included
 * @param recordsByPriority live records per class (every class present)
 * @param evictedRecords records dropped because the journal was full, per class, since open
 * @param tornTailRecovered damaged tails found and cut off when the journal was opened (segment
 *     files and the removal log)
 * @param tornTailBytesTruncated bytes cut off by those repairs
 * @param fsyncs fsyncs done since open
 */
public record JournalStats(
        long records,
        long bytes,
        Map<Priority, Long> recordsByPriority,
        Map<Priority, Long> evictedRecords,
        long tornTailRecovered,
        long tornTailBytesTruncated,
        long fsyncs) {
    public JournalStats {
        recordsByPriority = Map.copyOf(recordsByPriority);
        evictedRecords = Map.copyOf(evictedRecords);
    }

    /** Records evicted in all classes since open. */
    public long evictedTotal() {
        return evictedRecords.values().stream().mapToLong(Long::longValue).sum();
    }
}
