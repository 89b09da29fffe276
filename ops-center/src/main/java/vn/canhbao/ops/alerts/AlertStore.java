package vn.canhbao.ops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.ops.config.OpsConfig;
import vn.canhbao.ops.intake.IncomingRecord;

/**
 * The alert store in PostgreSQL.
 *
 * <p>Idempotency: {@code alert_transitions} is keyed by (alert_id, revision) and written with
 * insert-if-absent, so a redelivered transition is stored once. The {@code alerts} row of an
 * episode is replaced only by a strictly higher revision, so a late, older transition never rolls
 * the current state back. Both writes happen in the caller's transaction.
 */
@ApplicationScoped
public class AlertStore {
    private static final TypeReference<List<Evidence>> EVIDENCE_LIST = new TypeReference<>() {};

    private static final String SELECT_VIEW =
            """
            select a.alert_id, a.revision, a.site_id, a.hazard, a.rule_id, a.rule_version, a.episode_start,
                   a.level, a.state, a.event_time, a.emitted_at, a.evidence, a.local_sensor_alert, a.received_at,
                   a.acked_by, a.acked_at, s.name, s.commune, s.province, s.lat, s.lon
              from alerts a left join sites s on s.site_id = a.site_id
            """;

    private final AgroalDataSource dataSource;
    private final OpsConfig config;

    public AlertStore(AgroalDataSource dataSource, OpsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Applies one transition inside the caller's transaction.
     *
     * @throws SQLException when the database fails; the caller's transaction must roll back
     */
    public ApplyOutcome apply(Connection c, AlertEvent e, IncomingRecord origin, Instant receivedAt)
            throws SQLException {
        String evidence = json(e.evidence());
        try (PreparedStatement ps =
                c.prepareStatement(
                        """
                insert into alert_transitions (alert_id, revision, state, level, event_time, emitted_at, evidence,
                                               payload, received_at, kafka_partition, kafka_offset)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
                on conflict (alert_id, revision) do nothing
                """)) {
            ps.setString(1, e.alertId());
            ps.setInt(2, e.revision());
            ps.setString(3, e.state().wireName());
            ps.setInt(4, e.level().number());
            ps.setObject(5, utc(e.time()));
            ps.setObject(6, utc(e.emittedAt()));
            ps.setString(7, evidence);
            ps.setString(8, AlertEvent.CODEC.encodeToString(e));
            ps.setObject(9, utc(receivedAt));
            ps.setInt(10, origin.partition());
            ps.setLong(11, origin.offset());
            if (ps.executeUpdate() == 0) {
                return ApplyOutcome.DUPLICATE;
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement(
                        """
                insert into alerts (alert_id, revision, site_id, hazard, rule_id, rule_version, episode_start, level,
                                    state, event_time, emitted_at, evidence, local_sensor_alert, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                on conflict (alert_id) do update set
                    revision = excluded.revision, level = excluded.level, state = excluded.state,
                    event_time = excluded.event_time, emitted_at = excluded.emitted_at, evidence = excluded.evidence,
                    rule_version = excluded.rule_version, local_sensor_alert = excluded.local_sensor_alert,
                    received_at = excluded.received_at
                where alerts.revision < excluded.revision
                """)) {
            ps.setString(1, e.alertId());
            ps.setInt(2, e.revision());
            ps.setString(3, e.site().value());
            ps.setString(4, e.hazard().wireName());
            ps.setString(5, e.ruleId());
            ps.setString(6, e.ruleVersion());
            ps.setObject(7, utc(e.episodeStart()));
            ps.setInt(8, e.level().number());
            ps.setString(9, e.state().wireName());
            ps.setObject(10, utc(e.time()));
            ps.setObject(11, utc(e.emittedAt()));
            ps.setString(12, evidence);
            ps.setBoolean(13, e.localSensorAlert());
            ps.setObject(14, utc(receivedAt));
            return ps.executeUpdate() == 1 ? ApplyOutcome.APPLIED : ApplyOutcome.STALE;
        }
    }

    /** The current state of one alert, read with the caller's connection. */
    public Optional<AlertView> find(Connection c, String alertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_VIEW + " where a.alert_id = ?")) {
            ps.setString(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    /** Alerts, newest transition first. */
    public List<AlertView> list(boolean openOnly, int limit) {
        String sql =
                SELECT_VIEW
                        + (openOnly ? " where a.state <> 'cleared'" : "")
                        + " order by a.event_time desc, a.alert_id limit ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<AlertView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(view(rs));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new StoreException("cannot list alerts", ex);
        }
    }

    /** One alert with its transitions and acknowledgements. */
    public Optional<AlertDetail> detail(String alertId) {
        try (Connection c = dataSource.getConnection()) {
            Optional<AlertView> alert = find(c, alertId);
            if (alert.isEmpty()) {
                return Optional.empty();
            }
            List<AlertDetail.Transition> transitions = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            """
                    select revision, state, level, event_time, emitted_at, received_at, evidence
                      from alert_transitions where alert_id = ? order by revision
                    """)) {
                ps.setString(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        transitions.add(
                                new AlertDetail.Transition(
                                        rs.getInt(1),
                                        rs.getString(2),
                                        AlertViews.level(RiskLevel.of(rs.getInt(3))),
                                        instant(rs, 4),
                                        instant(rs, 5),
                                        instant(rs, 6),
                                        AlertViews.evidence(evidence(rs.getString(7)))));
                    }
                }
            }
            List<AlertView.AckView> acks = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "select acked_by, acked_at from alert_acks where alert_id = ? order by acked_at, id")) {
                ps.setString(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        acks.add(new AlertView.AckView(rs.getString(1), instant(rs, 2)));
                    }
                }
            }
            return Optional.of(new AlertDetail(alert.get(), transitions, acks));
        } catch (SQLException ex) {
            throw new StoreException("cannot read alert " + alertId, ex);
        }
    }

    /**
     * Records an operator acknowledgement. It does not change the episode's revision or state.
     *
     * @return the alert after the acknowledgement, empty if there is no such alert
     */
    @Transactional
    public Optional<AlertView> acknowledge(String alertId, String by, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "update alerts set acked_by = ?, acked_at = ? where alert_id = ?")) {
                ps.setString(1, by);
                ps.setObject(2, utc(at));
                ps.setString(3, alertId);
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "insert into alert_acks (alert_id, acked_by, acked_at) values (?, ?, ?)")) {
                ps.setString(1, alertId);
                ps.setString(2, by);
                ps.setObject(3, utc(at));
                ps.executeUpdate();
            }
            return find(c, alertId);
        } catch (SQLException ex) {
            throw new StoreException("cannot acknowledge alert " + alertId, ex);
        }
    }

    private AlertView view(ResultSet rs) throws SQLException {
        String alertId = rs.getString("alert_id");
        Hazard hazard = Hazard.fromWire(rs.getString("hazard"));
        AlertState state = AlertState.fromWire(rs.getString("state"));
        boolean local = rs.getBoolean("local_sensor_alert");
        String siteName = rs.getString("name");
        Optional<AlertView.SiteRef> site =
                siteName == null
                        ? Optional.empty()
                        : Optional.of(
                                new AlertView.SiteRef(
                                        siteName,
                                        rs.getString("commune"),
                                        rs.getString("province"),
                                        rs.getDouble("lat"),
                                        rs.getDouble("lon")));
        String ackedBy = rs.getString("acked_by");
        Optional<AlertView.AckView> ack =
                ackedBy == null
                        ? Optional.empty()
                        : Optional.of(new AlertView.AckView(ackedBy, instant(rs, "acked_at")));
        return new AlertView(
                alertId,
                rs.getInt("revision"),
                rs.getString("site_id"),
                site,
                hazard.wireName(),
                hazard.nameVi(),
                hazard.nameEn(),
                rs.getString("rule_id"),
                rs.getString("rule_version"),
                AlertViews.level(RiskLevel.of(rs.getInt("level"))),
                state.wireName(),
                state != AlertState.CLEARED,
                instant(rs, "episode_start"),
                instant(rs, "event_time"),
                instant(rs, "emitted_at"),
                instant(rs, "received_at"),
                AlertViews.evidence(evidence(rs.getString("evidence"))),
                local,
                local ? Optional.of(AlertView.LOCAL_SENSOR_NOTICE) : Optional.empty(),
                ack,
                AlertViews.videoUrl(config.vmsUrl(), alertId));
    }

    private static List<Evidence> evidence(String json) {
        try {
            return Json.mapper().readValue(json, EVIDENCE_LIST);
        } catch (JsonProcessingException ex) {
            throw new StoreException(
                    "stored evidence is not readable: " + ex.getOriginalMessage(), ex);
        }
    }

    private static String json(List<Evidence> evidence) {
        try {
            return Json.mapper().writeValueAsString(evidence);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot encode evidence", ex);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
