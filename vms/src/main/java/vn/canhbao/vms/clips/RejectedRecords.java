package vn.canhbao.vms.clips;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import vn.canhbao.vms.index.StorageException;

/** The dead-letter place of the Kafka intake: the {@code rejected_record} table. */
@ApplicationScoped
public class RejectedRecords {
    private final DataSource db;

    RejectedRecords(DataSource db) {
        this.db = db;
    }

    /** Records why a Kafka record was not used; a repeat of the same offset is ignored. */
    public void reject(String topic, int partition, long offset, String key, String reason) {
        String sql =
                """
                INSERT INTO rejected_record (topic, kafka_partition, kafka_offset, record_key, reason)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, topic);
            ps.setInt(2, partition);
            ps.setLong(3, offset);
            ps.setString(4, key);
            ps.setString(5, reason);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException(
                    "cannot record rejected " + topic + "/" + partition + "@" + offset, e);
        }
    }
}
