package vn.canhbao.stream.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.hazards.vn.Art46Table;
import vn.canhbao.stream.DemoSites;

class SiteHazardFunctionHarnessTest {
    private static final long T0 = DemoSites.T0.toEpochMilli();

    private KeyedOneInputStreamOperatorTestHarness<String, SiteSample, AlertEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SiteHazardFunction(
                                SiteRuleSettings.defaults().withZone("s1", Art46Table.Zone.high)),
                        SiteSample::site,
                        Types.STRING);
        harness.setProcessingTime(1_000);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void rain(String site, String province, int minute, double mm) throws Exception {
        long t = T0 + minute * 60_000L;
        harness.processElement(
                new SiteSample(site, province, "rg", Quantity.RAIN, mm, t, minute, false), t);
    }

    private List<String> alerts() {
        return harness.extractOutputValues().stream()
                .map(a -> a.ruleId() + ":" + a.state().wireName() + ":" + a.level().number())
                .toList();
    }

    @Test
    void heavyRainRaisesThenClearsOnceTheDayTotalFallsAndLeavesOnlyRainHistoryNoTimers()
            throws Exception {
        // 120 mm in 12 hours, then dry readings every hour for two days
        for (int m = 0; m < 720; m += 60) {
            rain("s2", "Lào Cai", m, 10);
        }
        for (int m = 720; m <= 72 * 60; m += 60) {
            rain("s2", "Lào Cai", m, 0);
        }

        // no zone for s2: Article 46 is not graded; heavy rain raises, then clears after the 24 h
        // total falls below 100 mm
        assertThat(alerts()).containsExactly("vn.heavy_rain:raised:1", "vn.heavy_rain:cleared:1");
        assertThat(harness.numProcessingTimeTimers() + harness.numEventTimeTimers()).isZero();
        SiteState left = state("s2");
        assertThat(left.heavyRain().isEmpty()).isTrue();
        assertThat(left.art46().isEmpty()).isTrue();
        assertThat(left.landslide().isEmpty()).isTrue();
        assertThat(SiteHazardFunction.SITE_STATE.getTtlConfig().isEnabled()).isTrue();
        // and the state survives a checkpoint's serializer
        String json = vn.canhbao.contracts.Json.mapper().writeValueAsString(left);
        assertThat(vn.canhbao.contracts.Json.mapper().readValue(json, SiteState.class))
                .isEqualTo(left);
    }

    @Test
    void article46NeedsTheSitesZoneAndAPriorRainDay() throws Exception {
        // a prior rain day, then 120 mm the next local day at a high-susceptibility KV1 site
        rain("s1", "Lào Cai", 0, 5);
        for (int m = 1440; m < 1440 + 720; m += 60) {
            rain("s1", "Lào Cai", m, 10);
        }

        assertThat(alerts()).contains("vn.art46:raised:2");
        assertThat(harness.extractOutputValues())
                .filteredOn(a -> a.ruleId().equals("vn.art46"))
                .allSatisfy(a -> assertThat(a.ruleVersion()).isEqualTo("vn-art46-v1"));
    }

    @Test
    void aProvinceTheTableDoesNotKnowIsNotGradedByArticle46() throws Exception {
        rain("s1", "Nowhere", 0, 5);
        for (int m = 1440; m < 1440 + 720; m += 60) {
            rain("s1", "Nowhere", m, 10);
        }

        assertThat(alerts()).noneMatch(a -> a.startsWith("vn.art46"));
    }

    @Test
    void aLateRainReadingCountsInItsBinAndIsEvaluatedAtOnce() throws Exception {
        // 95 mm by minute 50 without the reading of minute 30 (10 mm), which arrives late: the
        // evaluation it triggers and the next (2 of 3) see 105 mm
        for (int m = 0; m <= 50; m += 10) {
            if (m != 30) {
                rain("s2", "Lào Cai", m, m == 0 ? 55 : 10);
            }
        }
        assertThat(alerts()).isEmpty();
        rain("s2", "Lào Cai", 30, 10);
        rain("s2", "Lào Cai", 60, 0);

        assertThat(alerts()).containsExactly("vn.heavy_rain:raised:1");
        assertThat(harness.extractOutputValues().get(0).time().toEpochMilli())
                .isEqualTo(T0 + 60 * 60_000L);
    }

    private SiteState state(String site) throws Exception {
        var backend =
                ((org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>)
                                harness.getOperator())
                        .<String>getKeyedStateBackend();
        backend.setCurrentKey(site);
        return backend.getPartitionedState(
                        org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                        org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
                        SiteHazardFunction.SITE_STATE)
                .value();
    }
}
