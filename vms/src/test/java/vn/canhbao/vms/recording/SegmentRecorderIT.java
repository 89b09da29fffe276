package vn.canhbao.vms.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.vms.camera.SimulatedCamera;

/** Records the in-process simulated camera over HTTP MPEG-TS into real files; no database. */
class SegmentRecorderIT {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir Path storage;

    private final List<ClosedSegment> closed = new CopyOnWriteArrayList<>();

    @Test
    void remuxesTheCameraIntoPlayableSegmentsWithTheSourceCodec() throws Exception {
        // given a camera and a recorder with 2 s segments
        try (SimulatedCamera camera =
                        new SimulatedCamera(new SimulatedCamera.Settings(0, 320, 240, 5, 5))
                                .start();
                SegmentRecorder recorder =
                        new SegmentRecorder(
                                settings(camera.url(), Duration.ofSeconds(2)), closed::add)) {
            // when it records for a while
            recorder.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> closed.size() >= 3);
            recorder.close();

            // then every segment is a complete file, renamed, with frames of the source's codec
            assertThat(closed.get(0).gapBefore()).isTrue();
            assertThat(closed.subList(1, closed.size()))
                    .allSatisfy(s -> assertThat(s.gapBefore()).isFalse());
            for (int i = 1; i < closed.size(); i++) {
                assertThat(closed.get(i).start()).isEqualTo(closed.get(i - 1).end());
            }
            for (ClosedSegment s : closed) {
                Path file = storage.resolve(s.relativePath());
                assertThat(file).exists().hasExtension("mp4");
                assertThat(Files.size(file)).isEqualTo(s.bytes()).isPositive();
                assertThat(s.codec()).isEqualTo(camera.codecName());
                assertThat(s.width()).isEqualTo(320);
                assertThat(s.height()).isEqualTo(240);
                assertThat(s.end()).isAfterOrEqualTo(s.start());
                assertThat(decodedFrames(file, camera.codecName())).isPositive();
            }
            try (Stream<Path> parts = Files.walk(storage)) {
                assertThat(parts.filter(p -> p.toString().endsWith(SegmentPaths.PART_SUFFIX)))
                        .isEmpty();
            }
        }
    }

    @Test
    void reconnectsAfterTheCameraDropsAndMarksTheGap() throws Exception {
        // given a recorder on a camera that then disappears
        SimulatedCamera first =
                new SimulatedCamera(new SimulatedCamera.Settings(0, 320, 240, 5, 5)).start();
        int port = first.port();
        try (SegmentRecorder recorder =
                new SegmentRecorder(settings(first.url(), Duration.ofSeconds(2)), closed::add)) {
            recorder.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> closed.size() >= 1);
            first.close();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> recorder.connects() == 1 && closed.size() >= 2);
            int beforeReturn = closed.size();

            // when it comes back on the same address
            try (SimulatedCamera again =
                    new SimulatedCamera(new SimulatedCamera.Settings(port, 320, 240, 5, 5))
                            .start()) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> recorder.connects() == 2 && closed.size() > beforeReturn);
            }

            // then recording resumed in a new file marked with a gap before it
            assertThat(closed.get(beforeReturn).gapBefore()).isTrue();
            assertThat(closed.get(beforeReturn).start())
                    .isAfter(closed.get(beforeReturn - 1).end());
        }
    }

    @Test
    void recoversAnUnindexedFileAndAFileCutByACrash() throws Exception {
        // given three recorded segments
        try (SimulatedCamera camera =
                        new SimulatedCamera(new SimulatedCamera.Settings(0, 320, 240, 5, 5))
                                .start();
                SegmentRecorder recorder =
                        new SegmentRecorder(
                                settings(camera.url(), Duration.ofSeconds(4)), closed::add)) {
            recorder.start();
            // 4 s segments with a keyframe every second hold several fragments each, so a cut at
            // 60% always leaves complete fragments to recover, however loaded the machine is
            await().atMost(Duration.ofSeconds(60)).until(() -> closed.size() >= 3);
        }
        // and the first was never indexed, the second was cut mid-write by a crash
        ClosedSegment unindexed = closed.get(0);
        ClosedSegment crashed = closed.get(1);
        Path crashedFile = storage.resolve(crashed.relativePath());
        byte[] bytes = Files.readAllBytes(crashedFile);
        Path part =
                crashedFile.resolveSibling(crashedFile.getFileName() + SegmentPaths.PART_SUFFIX);
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length * 6 / 10));
        Files.delete(crashedFile);
        java.util.Set<String> indexed = new java.util.HashSet<>();
        closed.subList(2, closed.size()).forEach(s -> indexed.add(s.relativePath().toString()));

        // when recovery runs at start
        List<ClosedSegment> recovered = new CopyOnWriteArrayList<>();
        int n = SegmentRecovery.recover(storage, indexed::contains, recovered::add);

        // then both are indexed again, the crashed one under its final name, and both play
        assertThat(n).isEqualTo(2);
        assertThat(recovered)
                .extracting(ClosedSegment::relativePath)
                .containsExactly(unindexed.relativePath(), crashed.relativePath());
        assertThat(recovered.get(0).start())
                .isEqualTo(unindexed.start().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(recovered.get(0).bytes()).isEqualTo(unindexed.bytes());
        assertThat(part).doesNotExist();
        assertThat(crashedFile).exists();
        for (ClosedSegment s : recovered) {
            assertThat(s.gapBefore()).isTrue();
            assertThat(s.end()).isAfter(s.start());
            assertThat(decodedFrames(storage.resolve(s.relativePath()), s.codec())).isPositive();
        }
    }

    private RecorderSettings settings(String url, Duration segment) {
        return new RecorderSettings(
                CameraId.of("cam-test"),
                url,
                storage,
                new RotationPolicy(segment),
                Duration.ofSeconds(3),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)),
                Clock.systemUTC());
    }

    static long decodedFrames(Path file, String expectedCodec) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            assertThat(avcodec_get_name(g.getVideoCodec()).getString()).isEqualTo(expectedCodec);
            long frames = 0;
            Frame f;
            while ((f = g.grabImage()) != null) {
                if (f.image != null) {
                    frames++;
                }
            }
            g.stop();
            return frames;
        }
    }
}
