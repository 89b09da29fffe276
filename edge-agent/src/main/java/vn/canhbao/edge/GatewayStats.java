package vn.canhbao.edge;

/**
 * A snapshot of a running gateway's counters.
 *
 * @param sampledBatches batches produced by the simulation (one per publish interval)
 * @param publishedBatches batches the broker acknowledged (QoS 1 PUBACK)
 * @param publishedReadings readings in those batches
 * @param outboxDepth batches waiting for an acknowledgement, in flight or not
 * @param outboxBytes their payload bytes
 * @param droppedBatches batches dropped because the outbox was full (oldest first)
 * @param droppedReadings readings in those batches
 * @param nextSeq the sequence number the next reading will get
 * @param connected whether the MQTT connection is up now
 */
public record GatewayStats(
        long sampledBatches,
        long publishedBatches,
        long publishedReadings,
        int outboxDepth,
        long outboxBytes,
        long droppedBatches,
        long droppedReadings,
        long nextSeq,
        boolean connected) {}
