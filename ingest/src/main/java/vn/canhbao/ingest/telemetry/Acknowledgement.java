package vn.canhbao.ingest.telemetry;

/** The fate of one inbound message, reported once by the {@link TelemetryPipeline}. */
public interface Acknowledgement {
    /**
     * Everything the message carried is durably written; the message may be acknowledged upstream.
     */
    void written();

    /** A write failed; the message must NOT be acknowledged and has to be redelivered. */
    void failed(Throwable cause);
}
