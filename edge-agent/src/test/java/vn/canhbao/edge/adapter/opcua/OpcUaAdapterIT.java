package vn.canhbao.edge.adapter.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.AdapterThreads;
import vn.canhbao.edge.adapter.CollectingSink;
import vn.canhbao.edge.adapter.Sample;
import vn.canhbao.testsupport.FreePorts;

/** The OPC UA adapter against a Milo server playing the PLC of a dam upstream. */
class OpcUaAdapterIT {
    static final SensorId LEVEL = SensorId.of("wl-dam-song-tranh");
    static final SensorId RAIN = SensorId.of("rg-dam-song-tranh");

    final DamPlc plc = new DamPlc(FreePorts.next());
    final CollectingSink sink = new CollectingSink();
    OpcUaAdapter adapter;

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        plc.close();
    }

    OpcUaAdapter adapter(List<OpcUaNode> nodes) {
        return new OpcUaAdapter(
                OpcUaAdapterConfig.of(URI.create(plc.url()), nodes)
                        .withIntervals(Duration.ofMillis(100), Duration.ofMillis(100))
                        .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(1)));
    }

    List<Double> values(SensorId sensor) {
        return sink.samples.stream()
                .filter(s -> s.sensor().equals(sensor))
                .map(Sample::value)
                .toList();
    }

    @Test
    void givenSubscribedNodes_whenPlcValuesChange_thenSamplesArriveWithScaleAndDeadband() {
        plc.start();
        adapter =
                adapter(
                        List.of(
                                OpcUaNode.of(LEVEL, Quantity.WATER_LEVEL, DamPlc.LEVEL)
                                        .withDeadband(0.05),
                                OpcUaNode.of(RAIN, Quantity.RAIN, DamPlc.RAIN)));
        adapter.start(sink);
        await().atMost(Duration.ofSeconds(15)).until(() -> values(LEVEL).equals(List.of(12.0)));
        assertThat(adapter.stats().up()).isTrue();

        plc.set(DamPlc.LEVEL, 12.02); // inside the deadband
        plc.set(DamPlc.RAIN, 3.5);
        await().atMost(Duration.ofSeconds(5)).until(() -> values(RAIN).contains(3.5));
        await().during(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(2))
                .until(() -> values(LEVEL).equals(List.of(12.0)));
        plc.set(DamPlc.LEVEL, 12.5);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> values(LEVEL).equals(List.of(12.0, 12.5)));
        assertThat(sink.samples).allMatch(s -> s.time() != null);
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void givenPlcRestarts_whenItComesBack_thenAdapterReconnectsAndResumes() {
        plc.start();
        adapter = adapter(List.of(OpcUaNode.of(LEVEL, Quantity.WATER_LEVEL, DamPlc.LEVEL)));
        adapter.start(sink);
        await().atMost(Duration.ofSeconds(15)).until(() -> values(LEVEL).contains(12.0));

        plc.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> !adapter.stats().up());
        plc.set(DamPlc.LEVEL, 13.0);
        plc.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> values(LEVEL).contains(13.0));
        assertThat(adapter.stats().up()).isTrue();
        assertThat(adapter.reconnects()).isGreaterThanOrEqualTo(1);
        plc.set(DamPlc.LEVEL, 14.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> values(LEVEL).contains(14.0));

        assertThat(AdapterThreads.alive("canhbao-opcua")).isTrue();
        adapter.close();
        AdapterThreads.awaitGone("canhbao-opcua");
        assertThat(adapter.stats().up()).isFalse();
    }

    @Test
    void givenPlcDownAtStart_whenItStartsLater_thenAdapterConnects() {
        adapter = adapter(List.of(OpcUaNode.of(LEVEL, Quantity.WATER_LEVEL, DamPlc.LEVEL)));
        adapter.start(sink);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !adapter.stats().up());
        plc.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> values(LEVEL).contains(12.0));
    }

    @Test
    void givenBadValuesAndUnknownNode_whenSubscribed_thenRejectedAndCountedWhileGoodNodesGoOn() {
        plc.start();
        adapter =
                adapter(
                        List.of(
                                OpcUaNode.of(LEVEL, Quantity.WATER_LEVEL, DamPlc.LEVEL),
                                OpcUaNode.of(RAIN, Quantity.RAIN, DamPlc.STATUS),
                                OpcUaNode.of(RAIN, Quantity.RAIN, "ns=2;s=Dam/NoSuchNode")));
        adapter.start(sink);
        await().atMost(Duration.ofSeconds(15)).until(() -> values(LEVEL).contains(12.0));
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.rejections.size() >= 2);
        assertThat(sink.rejections).extracting(r -> r.field()).contains("nodeId", "value");

        plc.set(DamPlc.LEVEL, 900.0); // beyond the physical range of water_level
        await().atMost(Duration.ofSeconds(5))
                .until(() -> sink.rejections.stream().anyMatch(r -> r.field().equals("v")));
        plc.set(DamPlc.LEVEL, 12.75);
        await().atMost(Duration.ofSeconds(5)).until(() -> values(LEVEL).contains(12.75));
        assertThat(adapter.stats().rejected()).isGreaterThanOrEqualTo(3);
    }
}
