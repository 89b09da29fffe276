package vn.canhbao.ops;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;

/** Alerts and sites of the agreed demo fixture, each test with its own episode. */
public final class Fixtures {
    public static final SiteId NAM_CANG = SiteId.of("nam-cang");
    private static final AtomicLong EPISODES = new AtomicLong();

    private Fixtures() {}

    /** A new episode start, distinct for every call, so tests never share an alert id. */
    public static Instant newEpisode() {
        return Instant.parse("2026-11-22T00:00:00Z").plusSeconds(60 * EPISODES.incrementAndGet());
    }

    public static SiteConfig namCang(long version, String name) {
        return new SiteConfig(
                NAM_CANG,
                version,
                name,
                "Xã Nậm Cang",
                "Lào Cai",
                new GeoPoint(22.2519, 103.9806),
                List.of(),
                Optional.empty(),
                Instant.parse("2026-11-22T00:00:00Z"));
    }

    /**
     * Transition {@code revision} of a flood episode at Nậm Cang, water level {@code metres}
     * against BĐ II.
     */
    public static AlertEvent flood(
            Instant episodeStart, int revision, RiskLevel level, double metres) {
        AlertState state = revision == 0 ? AlertState.RAISED : AlertState.UPDATED;
        Instant time = episodeStart.plusSeconds(60L * revision);
        Evidence evidence =
                new Evidence(
                        SensorId.of("wl-nam-cang"),
                        Quantity.WATER_LEVEL,
                        metres,
                        time,
                        100 + revision,
                        "BD2",
                        3.0);
        return new AlertEvent(
                AlertEvent.idFor(NAM_CANG, Hazard.FLOOD, "flood.stage", episodeStart),
                revision,
                NAM_CANG,
                Hazard.FLOOD,
                "flood.stage",
                "2026.1",
                episodeStart,
                level,
                state,
                time,
                time.plusMillis(150),
                List.of(evidence),
                true);
    }
}
