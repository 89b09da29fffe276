package vn.canhbao.vms.index;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.vms.recording.ClosedSegment;
import vn.canhbao.vms.recording.SegmentSink;

/**
 * The {@code segment} table: one row per completed file. As a {@link SegmentSink} it indexes each
 * segment the recorders close; the insert is idempotent on the file path (a retried insert of the
 * same file does not duplicate the row).
 */
@ApplicationScoped
public class SegmentRepository implements SegmentSink {
    private static final String COLUMNS =
            "id, camera_id, path, start_utc, end_utc, bytes, codec, width, height, has_gap_before";
    private final DataSource db;

    SegmentRepository(DataSource db) {
        this.db = db;
    }

    @Override
    public void segmentClosed(ClosedSegment segment) {
        index(segment);
    }

    /** Inserts the segment's row (auto-commit) and returns its id. */
    public long index(ClosedSegment s) {
        String sql =
                """
                INSERT INTO segment (camera_id, path, start_utc, end_utc, bytes, codec, width, height, has_gap_before)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET end_utc = excluded.end_utc, bytes = excluded.bytes
                RETURNING id
                """;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.camera().value());
            ps.setString(2, toUnixPath(s.relativePath()));
            ps.setObject(3, utc(s.start()));
            ps.setObject(4, utc(s.end()));
            ps.setLong(5, s.bytes());
            ps.setString(6, s.codec());
            ps.setInt(7, s.width());
            ps.setInt(8, s.height());
            ps.setBoolean(9, s.gapBefore());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot index segment " + s.relativePath(), e);
        }
    }

    /** Segments of the given cameras that overlap [from, to), ordered by camera then start. */
    public List<Segment> overlapping(Collection<CameraId> cameras, Instant from, Instant to) {
        if (cameras.isEmpty()) {
            return List.of();
        }
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM segment WHERE camera_id = ANY (?) AND start_utc < ? AND end_utc > ?"
                        + " ORDER BY camera_id, start_utc";
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            Array ids = c.createArrayOf("text", cameras.stream().map(CameraId::value).toArray());
            ps.setArray(1, ids);
            ps.setObject(2, utc(to));
            ps.setObject(3, utc(from));
            try (ResultSet rs = ps.executeQuery()) {
                List<Segment> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot search segments", e);
        }
    }

    public Optional<Segment> find(long id) {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM segment WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read segment " + id, e);
        }
    }

    /** True if a row exists for this relative path ({@code /}-separated). */
    public boolean isIndexed(String relativePath) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM segment WHERE path = ?")) {
            ps.setString(1, relativePath);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot look up segment " + relativePath, e);
        }
    }

    private static Segment read(ResultSet rs) throws SQLException {
        return new Segment(
                rs.getLong(1),
                CameraId.of(rs.getString(2)),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getLong(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getInt(9),
                rs.getBoolean(10));
    }

    static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static String toUnixPath(java.nio.file.Path p) {
        return p.toString().replace(java.io.File.separatorChar, '/');
    }
}
