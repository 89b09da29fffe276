package vn.canhbao.edge.adapter.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.testsupport.FreePorts;

/**
 * The camera probe against an in-process MPEG-TS camera over HTTP, a dead port and a silent one.
 */
class CameraProbeIT {
    static final CameraId BRIDGE = CameraId.of("cam-cau-nam-cang");
    static final CameraId DEAD = CameraId.of("cam-dead");
    static final CameraId SILENT = CameraId.of("cam-silent");

    static TsCamera camera;
    static ServerSocket silent;

    @BeforeAll
    static void cameras() throws IOException {
        camera = new TsCamera(320, 240, 40);
        silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void stop() throws IOException {
        camera.close();
        silent.close();
    }

    CameraProbeConfig config() {
        return CameraProbeConfig.of(
                        List.of(
                                new CameraTarget(BRIDGE, URI.create(camera.url())),
                                new CameraTarget(
                                        DEAD,
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + FreePorts.next()
                                                        + "/cam.ts")),
                                new CameraTarget(
                                        SILENT,
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + silent.getLocalPort()
                                                        + "/cam.ts"))))
                .withTimeout(Duration.ofSeconds(2))
                .withInterval(Duration.ofSeconds(30));
    }

    @Test
    void
            givenThreeCameras_whenARoundRuns_thenUpWithCodecAndResolution_DeadAndSilentDownWithinTimeout() {
        try (CameraProbe probe = new CameraProbe(config())) {
            probe.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.health().size() == 3);

            CameraHealth up = probe.health().get(0);
            assertThat(up.camera()).isEqualTo(BRIDGE);
            assertThat(up.up()).isTrue();
            assertThat(up.codec()).contains(camera.codecName());
            assertThat(up.width().getAsInt()).isEqualTo(320);
            assertThat(up.height().getAsInt()).isEqualTo(240);

            CameraHealth dead = probe.health().get(1);
            assertThat(dead.up()).isFalse();
            assertThat(dead.error()).isPresent();

            CameraHealth quiet = probe.health().get(2);
            assertThat(quiet.up()).isFalse();
            assertThat(quiet.took()).isLessThan(Duration.ofSeconds(8));
        }
        vn.canhbao.edge.adapter.AdapterThreads.awaitGone("canhbao-camera-probe");
    }

    @Test
    void givenUpCamera_whenSnapshotRequested_thenJpegOfAKeyframeAtStreamResolution()
            throws IOException {
        try (CameraProbe probe = new CameraProbe(config())) {
            byte[] jpeg = probe.snapshot(BRIDGE);

            assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(img.getWidth()).isEqualTo(320);
            assertThat(img.getHeight()).isEqualTo(240);
        }
    }

    @Test
    void givenDeadOrUnknownCamera_whenSnapshotRequested_thenCameraUnavailable() {
        try (CameraProbe probe = new CameraProbe(config())) {
            assertThatThrownBy(() -> probe.snapshot(DEAD)).isInstanceOf(CameraUnavailable.class);
            assertThatThrownBy(() -> probe.snapshot(CameraId.of("cam-nope")))
                    .isInstanceOf(CameraUnavailable.class)
                    .hasMessageContaining("not a configured camera");
            assertThat(probe.probe(DEAD).up()).isFalse();
        }
    }
}
