package vn.canhbao.registry.pending;

import java.time.Instant;

/**
 * A pending sensor as the API returns it.
 *
 * @param gatewayId the gateway it reports through
 * @param sensorId its id as sent by the gateway
 * @param quantity what ingest says it measures (wire name)
 * @param unit the unit of that quantity
 * @param firstSeen the earliest time ingest reported seeing it
 * @param lastSeen the latest time ingest reported seeing it
 * @param readings the highest count of refused readings any ingest instance reported
 * @param status {@code pending}, {@code approved} or {@code rejected}
 * @param decidedBy who approved or rejected it; null while pending
 * @param decidedAt when; null while pending
 * @param reason why it was rejected, if given
 * @param gatewayKnown whether the registry knows the gateway (approval needs it)
 */
public record PendingSensorView(
        String gatewayId,
        String sensorId,
        String quantity,
        String unit,
        Instant firstSeen,
        Instant lastSeen,
        long readings,
        String status,
        String decidedBy,
        Instant decidedAt,
        String reason,
        boolean gatewayKnown) {

    /** The entity id in the audit log: {@code gatewayId/sensorId}, as the Kafka key. */
    public String key() {
        return gatewayId + "/" + sensorId;
    }
}
