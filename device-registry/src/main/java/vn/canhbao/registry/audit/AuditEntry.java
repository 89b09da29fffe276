package vn.canhbao.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One audited change.
 *
 * @param actor the user name ({@code anonymous} when authentication is off, {@code system} for the
 *     registry itself, {@code gateway:{id}} for a gateway's claim)
 * @param action {@code create}, {@code replace}, {@code import}, {@code claim}, {@code revoke},
 *     {@code issue}, {@code approve} or {@code reject}
 * @param before the entity before the change; null for a creation
 * @param after the entity after the change
 */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        String action,
        String entityType,
        String entityId,
        JsonNode before,
        JsonNode after) {}
