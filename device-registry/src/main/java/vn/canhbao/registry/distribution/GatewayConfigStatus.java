package vn.canhbao.registry.distribution;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Where a gateway's configuration stands.
 *
 * @param currentVersion the site's version: what the gateway should run
 * @param publishedVersion the version retained on the gateway's config topic, 0 when none yet
 * @param lastAck the newest acknowledgement, absent when none arrived
 * @param acks the newest acknowledgements (up to 20), newest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayConfigStatus(
        String gatewayId,
        long currentVersion,
        long publishedVersion,
        Instant publishedAt,
        ConfigAck lastAck,
        List<ConfigAck> acks) {}
