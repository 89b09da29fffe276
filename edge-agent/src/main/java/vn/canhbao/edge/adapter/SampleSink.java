package vn.canhbao.edge.adapter;

/**
 * Where adapters put what they translated. Implemented by the agent core (the journal).
 *
 * <p>Contract: called from adapter threads, possibly several at once, so implementations must be
 * thread-safe. {@link #accept} returning normally means the core took the sample (numbered it, may
 * still hold it in memory); {@link #commit} returning true means every sample this thread handed
 * over is in the journal and on disk. Adapters acknowledge to the sensor only after both (CoAP
 * 2.04, MQTT PUBACK). {@link #accept} throwing or {@link #commit} returning false means the samples
 * are not safe: the adapter answers the sensor with a retriable error (CoAP 5.03, no MQTT PUBACK)
 * and counts it, it never crashes. {@link #reject} must not throw.
 */
public interface SampleSink {
    void accept(Sample sample);

    /**
     * Waits until every sample accepted so far is durable (group commit: concurrent callers share
     * one journal append and one fsync).
     *
     * @return false when that did not happen in time (the journal failed or is stuck)
     */
    default boolean commit() {
        return true;
    }

    void reject(AdapterRejection rejection);
}
