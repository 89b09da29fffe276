package vn.canhbao.edge.adapter.camera;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.CameraId;

/**
 * Checks each configured camera with JavaCV's {@code FFmpegFrameGrabber}: opens the stream (RTSP
 * over TCP, or HTTP), reads the video stream's codec and resolution, closes it. Up/down and the
 * stream facts are kept per camera for the health heartbeat; {@link #snapshot} decodes until the
 * next keyframe and returns it as JPEG.
 *
 * <p>Every open and read is bounded by the configured timeout (FFmpeg {@code timeout} and {@code
 * rw_timeout}), so a dead or silent camera costs at most that per check and never blocks other
 * cameras for longer. One scheduler thread {@code canhbao-camera-probe} runs the rounds, cameras
 * one after another; snapshots run on the caller's thread with their own grabber.
 */
public final class CameraProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraProbe.class);

    private final CameraProbeConfig config;
    private final Clock clock;
    private final Map<CameraId, CameraHealth> health = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    public CameraProbe(CameraProbeConfig config) {
        this(config, Clock.systemUTC());
    }

    public CameraProbe(CameraProbeConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "canhbao-camera-probe");
                            t.setDaemon(true);
                            return t;
                        });
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** Starts the periodic rounds (the first at once). */
    public void start() {
        scheduler.scheduleWithFixedDelay(
                this::round, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest result per camera, in configuration order; cameras not yet checked are absent. */
    public List<CameraHealth> health() {
        return config.cameras().stream()
                .map(c -> health.get(c.camera()))
                .filter(Objects::nonNull)
                .toList();
    }

    /** Checks one camera now, on the caller's thread, and records the result. */
    public CameraHealth probe(CameraId camera) {
        CameraTarget target = target(camera);
        CameraHealth h = check(target);
        health.put(camera, h);
        return h;
    }

    /**
     * Decodes the camera's stream until the next keyframe and returns it as a JPEG.
     *
     * @throws CameraUnavailable when the camera is not configured, cannot be opened, or sends no
     *     keyframe within {@code snapshotFrames} frames or the timeout
     */
    public byte[] snapshot(CameraId camera) {
        CameraTarget target = target(camera);
        try (FFmpegFrameGrabber g = grabber(target);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            g.start();
            for (int i = 0; i < config.snapshotFrames(); i++) {
                Frame f = g.grabImage();
                if (f == null) {
                    throw new CameraUnavailable(camera + ": stream ended before a keyframe");
                }
                if (f.keyFrame && f.image != null) {
                    BufferedImage img = converter.convert(f);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    if (!ImageIO.write(img, "jpg", out)) {
                        throw new CameraUnavailable(camera + ": no JPEG writer");
                    }
                    return out.toByteArray();
                }
            }
            throw new CameraUnavailable(
                    camera + ": no keyframe within " + config.snapshotFrames() + " frames");
        } catch (IOException e) {
            throw new CameraUnavailable(camera + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(config.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void round() {
        for (CameraTarget c : config.cameras()) {
            if (closed) {
                return;
            }
            CameraHealth h = check(c);
            CameraHealth before = health.put(c.camera(), h);
            if (before == null || before.up() != h.up()) {
                LOG.info(
                        "camera {} is {}{}",
                        c.camera(),
                        h.up() ? "up" : "down",
                        h.error().map(e -> ": " + e).orElse(""));
            }
        }
    }

    private CameraHealth check(CameraTarget target) {
        long t0 = System.nanoTime();
        try (FFmpegFrameGrabber g = grabber(target)) {
            g.start();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
                return CameraHealth.down(target.camera(), "no video stream", clock.instant(), took);
            }
            return CameraHealth.up(
                    target.camera(),
                    g.getVideoCodecName(),
                    g.getImageWidth(),
                    g.getImageHeight(),
                    clock.instant(),
                    took);
        } catch (FrameGrabber.Exception | RuntimeException e) {
            return CameraHealth.down(
                    target.camera(),
                    Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()),
                    clock.instant(),
                    Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private FFmpegFrameGrabber grabber(CameraTarget target) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(target.url().toString());
        String micros = String.valueOf(config.timeout().toNanos() / 1000);
        if (target.rtsp()) {
            g.setOption("rtsp_transport", "tcp");
        }
        g.setOption("timeout", micros);
        g.setOption("rw_timeout", micros);
        g.setOption("fflags", "+discardcorrupt");
        g.setAudioChannels(0);
        return g;
    }

    private CameraTarget target(CameraId camera) {
        return config.cameras().stream()
                .filter(c -> c.camera().equals(camera))
                .findFirst()
                .orElseThrow(() -> new CameraUnavailable(camera + ": not a configured camera"));
    }
}
