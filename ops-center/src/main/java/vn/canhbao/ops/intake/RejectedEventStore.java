package vn.canhbao.ops.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import vn.canhbao.contracts.ContractViolation;

/**
 * Keeps records that could not be decoded, with their bytes and the reason, once per (topic,
 * partition, offset).
 */
@ApplicationScoped
public class RejectedEventStore {

    /**
     * Stores the rejected record in the caller's transaction; a redelivered record is stored once.
     */
    public void store(Connection c, IncomingRecord record, ContractViolation why, Instant at)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        """
                insert into rejected_events (topic, kafka_partition, kafka_offset, record_key, payload, field, reason, rejected_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (topic, kafka_partition, kafka_offset) do nothing
                """)) {
            ps.setString(1, record.topic());
            ps.setInt(2, record.partition());
            ps.setLong(3, record.offset());
            ps.setString(4, record.key().orElse(null));
            ps.setBytes(5, record.value());
            ps.setString(6, why.field());
            ps.setString(7, why.getMessage());
            ps.setObject(8, at.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }
}
