package vn.canhbao.ops.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The current state of one alert episode as the API and the console show it: the transition with
 * the highest revision received, joined with the site's name and place.
 *
 * @param alertId the episode id from the contract
 * @param revision the revision of the current transition
 * @param siteId the site
 * @param site the site's name and place, absent until its configuration has been received
 * @param hazard wire name, e.g. {@code flood}
 * @param hazardVi Vietnamese name, e.g. {@code lũ, ngập lụt}
 * @param hazardEn English name
 * @param ruleId the rule that decided
 * @param ruleVersion the rule table version
 * @param level the risk level with its colour
 * @param state {@code raised}, {@code updated} or {@code cleared}
 * @param open true unless cleared
 * @param episodeStart event time of the reading that opened the episode
 * @param time event time of the current transition
 * @param emittedAt when the current transition was produced
 * @param receivedAt when ops-center stored the current transition
 * @param evidence readings and thresholds behind the current transition
 * @param localSensorAlert true for alerts computed from canhbao's own sensors
 * @param notice the "not an official bulletin" label, present when {@code localSensorAlert}
 * @param ack the latest operator acknowledgement, absent if none
 * @param videoUrl where the VMS lists the clips of this alert
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record AlertView(
        String alertId,
        int revision,
        String siteId,
        Optional<SiteRef> site,
        String hazard,
        String hazardVi,
        String hazardEn,
        String ruleId,
        String ruleVersion,
        LevelView level,
        String state,
        boolean open,
        Instant episodeStart,
        Instant time,
        Instant emittedAt,
        Instant receivedAt,
        List<EvidenceView> evidence,
        boolean localSensorAlert,
        Optional<String> notice,
        Optional<AckView> ack,
        String videoUrl) {

    /** Label shown on every alert computed from local sensors (Vietnamese first). */
    public static final String LOCAL_SENSOR_NOTICE =
            "Cảnh báo tại chỗ từ cảm biến — không phải bản tin chính thức / Local sensor alert, not an official bulletin";

    /** Name and place of a site. */
    public record SiteRef(String name, String commune, String province, double lat, double lon) {}

    /** A risk level with the colour of Decision 18/2021/QĐ-TTg. */
    public record LevelView(
            int number,
            String labelVi,
            String colourVi,
            String colourEn,
            String colourHex,
            String meaningVi,
            String capSeverity) {}

    /** One reading behind the alert, with a sentence for people in both languages. */
    public record EvidenceView(
            String sensor,
            String quantity,
            String unit,
            double value,
            Instant time,
            long seq,
            String threshold,
            double thresholdValue,
            String textVi,
            String textEn) {}

    /** Who acknowledged and when. */
    public record AckView(String by, Instant at) {}
}
