package vn.canhbao.edge.adapter.camera;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.CameraId;

/**
 * Checks each configured camera with FFmpeg's demuxer (libavformat through JavaCPP): opens the
 * stream (RTSP over TCP, or HTTP), reads the video stream's codec and resolution, closes it.
 * Up/down and the stream facts are kept per camera for the health heartbeat; {@link #snapshot}
 * decodes (JavaCV's {@code FFmpegFrameGrabber}, one decoder thread) until the next keyframe and
 * returns it as JPEG.
 *
 * <p>Memory: a check opens no decoder and keeps nothing; FFmpeg reads at most {@link #PROBE_BYTES}
 * and frees everything before the next camera is checked, so the native memory of a round is that
 * of one camera, whatever the number of cameras.
 *
 * <p>Every open and read is bounded by the configured timeout (FFmpeg {@code timeout} and {@code
 * rw_timeout}), so a dead or silent camera costs at most that per check and never blocks other
 * cameras for longer. One scheduler thread {@code canhbao-camera-probe} runs the rounds, cameras
 * one after another; snapshots run on the caller's thread with their own grabber.
 */
public final class CameraProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraProbe.class);

    /**
     * FFmpeg {@code probesize}: at most this many bytes are read (and buffered) to find the stream
     * facts; FFmpeg's default is 5 MB. 1 MiB holds a keyframe of a 1080p H.264 / H.265 camera.
     */
    static final long PROBE_BYTES = 1 << 20;

    /** FFmpeg {@code analyzeduration} in microseconds (default 5 s). */
    static final long ANALYZE_MICROS = 2_000_000;

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
        avformat.avformat_network_init();
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

    /**
     * One health check with FFmpeg's demuxer alone (libavformat): open the stream, read the stream
     * facts ({@code avformat_find_stream_info}, which decodes at most what it needs, single
     * threaded, within {@link #PROBE_BYTES} and {@link #ANALYZE_MICROS}), close. No decoder is
     * opened and no picture buffer allocated (JavaCV's grabber would open the codec with a thread
     * per core and allocate frame and conversion buffers); everything FFmpeg allocated is freed by
     * {@code avformat_close_input} before this returns.
     */
    private CameraHealth check(CameraTarget target) {
        long t0 = System.nanoTime();
        AVFormatContext ctx = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        boolean opened = false;
        try {
            for (Map.Entry<String, String> o : demuxerOptions(target).entrySet()) {
                av_dict_set(options, o.getKey(), o.getValue(), 0);
            }
            av_dict_set(options, "probesize", Long.toString(PROBE_BYTES), 0);
            av_dict_set(options, "analyzeduration", Long.toString(ANALYZE_MICROS), 0);
            int r = avformat_open_input(ctx, target.url().toString(), null, options);
            if (r < 0) {
                return down(target, "avformat_open_input: " + error(r), t0);
            }
            opened = true;
            r = avformat_find_stream_info(ctx, (PointerPointer<?>) null);
            if (r < 0) {
                return down(target, "avformat_find_stream_info: " + error(r), t0);
            }
            int video =
                    av_find_best_stream(
                            ctx, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
            if (video < 0) {
                return down(target, "no video stream", t0);
            }
            AVCodecParameters par = ctx.streams(video).codecpar();
            if (par.width() <= 0 || par.height() <= 0) {
                return down(target, "no video stream", t0);
            }
            return CameraHealth.up(
                    target.camera(),
                    avcodec_get_name(par.codec_id()).getString(),
                    par.width(),
                    par.height(),
                    clock.instant(),
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (RuntimeException e) {
            return down(
                    target,
                    Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()),
                    t0);
        } finally {
            if (opened) {
                avformat_close_input(ctx); // frees the context, its streams and buffered packets
            }
            av_dict_free(options);
        }
    }

    private CameraHealth down(CameraTarget target, String error, long t0) {
        return CameraHealth.down(
                target.camera(), error, clock.instant(), Duration.ofNanos(System.nanoTime() - t0));
    }

    private static String error(int code) {
        byte[] buf = new byte[128];
        av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
    }

    /** The demuxer options of a check and a snapshot: transport and timeouts. */
    private Map<String, String> demuxerOptions(CameraTarget target) {
        Map<String, String> o = new LinkedHashMap<>();
        String micros = String.valueOf(config.timeout().toNanos() / 1000);
        if (target.rtsp()) {
            o.put("rtsp_transport", "tcp");
        }
        o.put("timeout", micros);
        o.put("rw_timeout", micros);
        o.put("fflags", "+discardcorrupt");
        return o;
    }

    private FFmpegFrameGrabber grabber(CameraTarget target) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(target.url().toString());
        demuxerOptions(target).forEach(g::setOption);
        g.setOption("probesize", Long.toString(PROBE_BYTES));
        g.setOption("analyzeduration", Long.toString(ANALYZE_MICROS));
        g.setVideoOption("threads", "1"); // one decoder context, not one per core
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
