package vn.canhbao.registry.site;

import java.util.OptionalDouble;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.ThresholdProvenance;
import vn.canhbao.registry.api.Fields;

/**
 * Flood alarm levels in a request or response: stage in metres above the gauge datum.
 *
 * @param alarm1 báo động I
 * @param alarm2 báo động II, above alarm1
 * @param alarm3 báo động III, above alarm2
 * @param historical historical flood stage, optional, above alarm3
 * @param gaugeDatum the gauge datum's elevation, metres
 * @param provenance {@code qd-05-2020}, {@code ubnd-tinh} or {@code local-estimate}
 */
public record FloodBody(
        Double alarm1,
        Double alarm2,
        Double alarm3,
        Double historical,
        Double gaugeDatum,
        String provenance) {

    /**
     * @throws vn.canhbao.contracts.ContractViolation naming the {@code flood.*} field at fault
     */
    public FloodThresholds toThresholds() {
        return new FloodThresholds(
                Fields.required(alarm1, "flood.alarm1"),
                Fields.required(alarm2, "flood.alarm2"),
                Fields.required(alarm3, "flood.alarm3"),
                historical == null ? OptionalDouble.empty() : OptionalDouble.of(historical),
                Fields.required(gaugeDatum, "flood.gaugeDatum"),
                Fields.parse(provenance, "flood.provenance", ThresholdProvenance::fromWire));
    }

    public static FloodBody of(FloodThresholds t) {
        return new FloodBody(
                t.alarm1(),
                t.alarm2(),
                t.alarm3(),
                t.historical().isPresent() ? t.historical().getAsDouble() : null,
                t.gaugeDatum(),
                t.provenance().wireName());
    }
}
