package vn.canhbao.stream.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
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

    /** The gateway rules' keyed values, one per gateway key that has one. */
    public static List<GatewayState> gatewayStates(
            KeyedBroadcastOperatorTestHarness<String, TelemetryPack, SiteConfig, AlertEvent>
                    harness)
            throws Exception {
        List<GatewayState> states = new ArrayList<>();
        forEachKey(
                harness,
                GatewayRulesFunction.STATE,
                s -> {
                    GatewayState v = s.value();
                    if (v != null) {
                        states.add(v);
                    }
                });
        return states;
    }

    /** The values of a keyed map state, over all gateway keys. */
    public static <K, V> List<V> mapValues(
            KeyedBroadcastOperatorTestHarness<String, TelemetryPack, SiteConfig, AlertEvent>
                    harness,
            MapStateDescriptor<K, V> descriptor)
            throws Exception {
        List<V> values = new ArrayList<>();
        forEachKey(harness, descriptor, s -> s.values().forEach(values::add));
        return values;
    }

    /** Something done with a key's state. */
    @FunctionalInterface
    private interface StateVisitor<S extends State> {
        void visit(S state) throws Exception;
    }

    /** Visits the state {@code descriptor} names, for each key that has one. */
    private static <S extends State> void forEachKey(
            KeyedBroadcastOperatorTestHarness<String, TelemetryPack, SiteConfig, AlertEvent>
                    harness,
            StateDescriptor<S, ?> descriptor,
            StateVisitor<S> visitor)
            throws Exception {
        AbstractStreamOperator<?> operator =
                (AbstractStreamOperator<?>) harness.getTwoInputOperator();
        KeyedStateBackend<String> backend = operator.getKeyedStateBackend();
        List<String> keys;
        try (var all = backend.getKeys(descriptor.getName(), VoidNamespace.INSTANCE)) {
            keys = all.toList();
        }
        for (String key : keys) {
            backend.setCurrentKey(key);
            // The state object reads the current key: visit it before moving on.
            visitor.visit(
                    backend.getPartitionedState(
                            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor));
        }
    }
}
