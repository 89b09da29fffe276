package vn.canhbao.edge.adapter;

/**
 * Where adapters put what they translated. Implemented by the agent core (the journal).
 *
 * <p>Contract: called from adapter threads, possibly several at once, so implementations must be
 * thread-safe. {@link #accept} returning normally means the sample is the core's responsibility
 * (e.g. appended to the journal); adapters acknowledge to the sensor only after that (CoAP 2.04,
 * MQTT PUBACK). {@link #accept} throwing means the sample was not taken: the adapter answers the
 * sensor with a retriable error (CoAP 5.03, no MQTT PUBACK) and counts it, it never crashes. {@link
 * #reject} must not throw.
 */
public interface SampleSink {
    void accept(Sample sample);

    void reject(AdapterRejection rejection);
}
