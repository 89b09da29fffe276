package vn.canhbao.ops.intake;

import java.util.List;

/**
 * Applies a batch of records from one topic in one database transaction. When it returns, the batch
 * is durably stored and the consumer may commit its offsets; when it throws, nothing of the batch
 * is stored and the same records must be offered again.
 */
@FunctionalInterface
public interface BatchApplier {
    BatchSummary apply(List<IncomingRecord> batch);
}
