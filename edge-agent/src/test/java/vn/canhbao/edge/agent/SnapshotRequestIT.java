package vn.canhbao.edge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.edge.adapter.camera.TsCamera;
import vn.canhbao.edge.warn.TestSites;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * A keyframe snapshot on request: an operator's service publishes the camera id on the gateway's
 * snapshot request topic and receives the JPEG; an unknown or malformed camera gets the reason.
 */
class SnapshotRequestIT {
    @TempDir Path dir;
    private MosquittoBroker broker;
    private TsCamera camera;
    private GatewayTopicsCollector ops;
    private EdgeAgent agent;

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        camera = new TsCamera(320, 240, 40);
        ops = new GatewayTopicsCollector(broker.uri(), "test-ops", TestSites.GW);
        String json =
                """
                {"gateway":"gw-nam-cang","dataDir":"agent-data",
                 "uplink":{"broker":"%s","reconnectMaxDelay":"PT1S"},
                 "cameras":{"targets":[{"camera":"cam-cau","url":"%s"}],"interval":"PT60S","timeout":"PT10S"},
                 "localWarnings":{"mode":"off"},
                 "health":{"interval":"PT60S"}}
                """
                        .formatted(broker.uri(), camera.url());
        agent = new EdgeAgent(EdgeAgentConfig.parse(json.getBytes(StandardCharsets.UTF_8), dir));
        agent.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        ops.close();
        camera.close();
        broker.close();
    }

    @Test
    void answersARequestWithTheKeyframeAsJpegAndAnUnknownCameraWithTheReason() throws Exception {
        String topic = MqttTopics.snapshot(TestSites.GW, CameraId.of("cam-cau"));
        // the agent subscribes once connected: ask until it answers
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            ops.publish(
                                    MqttTopics.snapshotRequest(TestSites.GW),
                                    "cam-cau".getBytes(StandardCharsets.UTF_8),
                                    false);
                            return !ops.on(topic).isEmpty();
                        });
        byte[] jpeg = ops.on(topic).get(0).payload();
        assertThat(jpeg.length).isGreaterThan(100);
        assertThat(jpeg[0] & 0xff).isEqualTo(0xFF); // JPEG SOI marker
        assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
        assertThat(ops.on(topic).get(0).retained()).isFalse();

        ops.publish(
                MqttTopics.snapshotRequest(TestSites.GW),
                "cam-unknown".getBytes(StandardCharsets.UTF_8),
                false);
        ops.publish(
                MqttTopics.snapshotRequest(TestSites.GW),
                "Not A Camera!".getBytes(StandardCharsets.UTF_8),
                false);
        String errors = MqttTopics.snapshotError(TestSites.GW);
        await().atMost(Duration.ofSeconds(20)).until(() -> ops.on(errors).size() >= 2);
        assertThat(ops.on(errors).get(0).text()).contains("cam-unknown");
        assertThat(ops.on(errors).get(1).text()).contains("Not A Camera!").contains("cameraId");
    }
}
