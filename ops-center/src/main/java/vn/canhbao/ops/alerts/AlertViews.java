package vn.canhbao.ops.alerts;

import java.util.List;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.RiskLevel;

/** Pure mapping from contract values to the API's view types. */
public final class AlertViews {
    private AlertViews() {}

    public static AlertView.LevelView level(RiskLevel level) {
        return new AlertView.LevelView(
                level.number(),
                "Cấp " + level.number(),
                level.colourVi(),
                level.colourEn(),
                level.colourHex(),
                level.meaningVi(),
                level.capSeverity());
    }

    public static List<AlertView.EvidenceView> evidence(List<Evidence> evidence) {
        return evidence.stream().map(AlertViews::evidence).toList();
    }

    public static AlertView.EvidenceView evidence(Evidence e) {
        return new AlertView.EvidenceView(
                e.sensor().value(),
                e.quantity().wireName(),
                e.quantity().unit(),
                e.value(),
                e.time(),
                e.seq(),
                e.threshold(),
                e.thresholdValue(),
                EvidenceText.vietnamese(e),
                EvidenceText.english(e));
    }

    /** {@code <vmsUrl>/api/v1/alerts/<alertId>/clips}, tolerating a trailing slash on the base. */
    public static String videoUrl(String vmsUrl, String alertId) {
        String base = vmsUrl.endsWith("/") ? vmsUrl.substring(0, vmsUrl.length() - 1) : vmsUrl;
        return base + "/api/v1/alerts/" + alertId + "/clips";
    }
}
