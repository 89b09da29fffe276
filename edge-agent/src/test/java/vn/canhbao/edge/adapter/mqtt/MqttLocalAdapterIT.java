package vn.canhbao.edge.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.AdapterThreads;
import vn.canhbao.edge.adapter.CollectingSink;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.Sample;
import vn.canhbao.edge.adapter.senml.SenmlCbor;
import vn.canhbao.testsupport.MosquittoBroker;

/** The local MQTT adapter against a real Mosquitto, with mosquitto_pub and Paho as sensors. */
class MqttLocalAdapterIT {
    static final SensorId WL = SensorId.of("wl-ta-van");
    static final SensorId RG = SensorId.of("rg-ta-van");
    static final KnownSensors SENSORS =
            KnownSensors.of(Map.of(WL, Quantity.WATER_LEVEL, RG, Quantity.RAIN));

    @TempDir Path dir;
    MosquittoBroker broker;
    final CollectingSink sink = new CollectingSink();
    MqttLocalAdapter adapter;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir);
        adapter =
                new MqttLocalAdapter(
                        MqttLocalAdapterConfig.of(
                                        URI.create(broker.uri()), "edge-local-test", SENSORS)
                                .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(1)));
        adapter.start(sink);
        await().atMost(Duration.ofSeconds(10)).until(() -> adapter.stats().up());
    }

    @AfterEach
    void stop() {
        adapter.close();
        broker.close();
    }

    void mosquittoPub(String topic, String payload) {
        try {
            Process p =
                    new ProcessBuilder(
                                    "mosquitto_pub",
                                    "-h",
                                    "127.0.0.1",
                                    "-p",
                                    String.valueOf(broker.port()),
                                    "-q",
                                    "1",
                                    "-V",
                                    "mqttv5",
                                    "-t",
                                    topic,
                                    "-m",
                                    payload)
                            .redirectErrorStream(true)
                            .start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenMosquittoPub_whenSensorPublishesSenmlJson_thenSampleArrives() {
        mosquittoPub("sensors/wl-ta-van", "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1.75}]");

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples.size() == 1);
        assertThat(sink.samples.get(0).sensor()).isEqualTo(WL);
        assertThat(sink.samples.get(0).value()).isEqualTo(1.75);
    }

    @Test
    void givenPahoSensor_whenPublishingCborWithContentType_thenSampleArrives()
            throws MqttException {
        MqttClient sensor =
                new MqttClient(broker.uri(), "sensor-rg-ta-van", new MemoryPersistence());
        try {
            sensor.connect();
            MqttMessage m =
                    new MqttMessage(
                            SenmlCbor.pack(List.of(SenmlCbor.rec(0, "rain", 1, "mm", 2, 6.5))));
            m.setQos(1);
            MqttProperties props = new MqttProperties();
            props.setContentType(MqttLocalAdapter.CBOR_CONTENT_TYPE);
            m.setProperties(props);
            sensor.publish("sensors/rg-ta-van", m);
        } finally {
            sensor.disconnect();
            sensor.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples.size() == 1);
        assertThat(sink.samples.get(0).quantity()).isEqualTo(Quantity.RAIN);
        assertThat(sink.samples.get(0).value()).isEqualTo(6.5);
    }

    @Test
    void givenBadMessages_whenPublished_thenRejectedWithFieldAndGoodOnesStillArrive() {
        mosquittoPub("sensors/wl-ta-van", "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":NaN}]");
        mosquittoPub("sensors/wl-ta-van", "[{\"n\":\"water_level\",\"u\":\"in\",\"v\":3}]");
        mosquittoPub("sensors/wl-ta-van", "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":-80}]");
        mosquittoPub("sensors/wl-stranger", "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1}]");
        mosquittoPub("sensors/wl-ta-van", "x".repeat(5000));
        mosquittoPub("sensors/rg-ta-van", "[{\"n\":\"rain\",\"u\":\"mm\",\"v\":0.5}]");

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples.size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.rejections.size() == 5);
        assertThat(sink.samples.get(0).sensor()).isEqualTo(RG);
        assertThat(sink.rejections)
                .extracting(r -> r.field())
                .containsExactly("payload", "[0].u", "[0].v", "topic", "payload");
        assertThat(sink.rejections.get(3).reason()).contains("unknown sensor");
        assertThat(sink.rejections.get(4).reason()).contains("too large");
        assertThat(adapter.stats().rejected()).isEqualTo(5);
    }

    @Test
    void givenSinkRefusesOnce_whenMessageArrives_thenBrokerRedeliversAndSampleArrives() {
        AtomicInteger refusals = new AtomicInteger();
        sink.refuseWhen(s -> refusals.getAndIncrement() == 0);

        mosquittoPub("sensors/wl-ta-van", "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":2.2}]");

        await().atMost(Duration.ofSeconds(15)).until(() -> sink.samples.size() == 1);
        assertThat(sink.samples.get(0).value()).isEqualTo(2.2);
        assertThat(adapter.stats().sinkFailures()).isEqualTo(1);
    }

    @Test
    void givenBrokerRestarts_whenSensorsPublishAfterwards_thenAdapterResubscribesAndReceives() {
        broker.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !adapter.stats().up());
        broker.restart();
        await().atMost(Duration.ofSeconds(15)).until(() -> adapter.stats().up());

        mosquittoPub("sensors/wl-ta-van", "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1.1}]");
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples.size() == 1);
        assertThat(sink.samples).extracting(Sample::value).containsExactly(1.1);

        adapter.close();
        AdapterThreads.awaitGone("canhbao-mqtt-local");
        assertThat(adapter.stats().up()).isFalse();
    }
}
