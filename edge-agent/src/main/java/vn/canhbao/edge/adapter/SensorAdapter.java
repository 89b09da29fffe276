package vn.canhbao.edge.adapter;

/**
 * A thin translator from one sensor protocol into {@link Sample}s.
 *
 * <p>Lifecycle: construct with a validated config, {@link #start} once (returns at once; the
 * adapter connects or listens in the background and keeps retrying), {@link #close} once (stops
 * every thread the adapter started; idempotent). Bad input never stops an adapter: it is refused
 * with a reason through {@link SampleSink#reject}, counted in {@link #stats}, and other sensors go
 * on.
 */
public interface SensorAdapter extends AutoCloseable {
    /** A short stable name for logs, stats and rejections, e.g. {@code coap}, {@code opcua}. */
    String name();

    /**
     * Starts delivering into {@code sink}.
     *
     * @throws IllegalStateException when already started or closed
     */
    void start(SampleSink sink);

    AdapterStats stats();

    @Override
    void close();
}
