package vn.canhbao.stream.gateway;

import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.hazards.flood.FloodRuleParams;
import vn.canhbao.hazards.flood.FloodStageTable;
import vn.canhbao.hazards.flood.RateOfRiseParams;
import vn.canhbao.stream.flood.PendingLimits;
import vn.canhbao.stream.flood.SiteConfigState;
import vn.canhbao.stream.health.DeviceHealthParams;

/** The gateway rules on Flink's operator harness, keyed by gateway as the job keys them. */
public final class GatewayRulesHarness {
    private GatewayRulesHarness() {}

    /**
     * @param deviceHealth empty: the sensor rules alone
     * @param processingTime the harness's processing time to start at
     */
    public static KeyedBroadcastOperatorTestHarness<String, TelemetryPack, SiteConfig, AlertEvent>
            open(
                    PendingLimits limits,
                    Optional<DeviceHealthParams> deviceHealth,
                    long processingTime)
                    throws Exception {
        var harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new GatewayRulesFunction(
                                FloodStageTable.DEFAULT_RESOURCE,
                                FloodRuleParams.defaults(),
                                RateOfRiseParams.defaults(),
                                limits,
                                deviceHealth),
                        (TelemetryPack p) -> p.gateway().value(),
                        Types.STRING,
                        SiteConfigState.SITES,
                        SiteConfigState.SENSOR_SITES);
        harness.setProcessingTime(processingTime);
        return harness;
    }
}
