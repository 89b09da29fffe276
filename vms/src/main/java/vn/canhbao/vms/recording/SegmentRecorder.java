package vn.canhbao.vms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.jboss.logging.Logger;

/**
 * Records one camera into segment files, without transcoding: packets read from the source with
 * {@link FFmpegFrameGrabber#grabPacket()} are written with {@code recordPacket} into fragmented MP4
 * files (see {@link SegmentWriter}), rotated by the {@link RotationPolicy}.
 *
 * <p>One daemon thread per camera. When the source drops or cannot be opened, the open segment is
 * completed, the recorder waits ({@link Backoff}) and reconnects; the first segment after a
 * reconnect starts a new file and is marked {@code gapBefore}. Each completed segment is handed to
 * the {@link SegmentSink} once, after its file is on disk under its final name.
 *
 * <p>Native memory: every packet not written is unreferenced; grabber and recorders are released in
 * {@code finally} blocks.
 */
public final class SegmentRecorder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SegmentRecorder.class);

    private final RecorderSettings settings;
    private final SegmentSink sink;
    private final Thread thread;
    private final Object sleepLock = new Object();
    private final AtomicLong segmentsClosed = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean running;

    public SegmentRecorder(RecorderSettings settings, SegmentSink sink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.thread = new Thread(this::loop, "vms-recorder-" + settings.camera());
        thread.setDaemon(true);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread.start();
    }

    public RecorderSettings settings() {
        return settings;
    }

    /** Segments completed and handed to the sink so far. */
    public long segmentsClosed() {
        return segmentsClosed.get();
    }

    /** Successful connections to the source so far. */
    public long connects() {
        return connects.get();
    }

    /**
     * Stops recording, completes the open segment and waits for the thread (at most the I/O timeout
     * plus a few seconds, since a blocked read only returns at its timeout).
     */
    @Override
    public void close() {
        running = false;
        synchronized (sleepLock) {
            sleepLock.notifyAll();
        }
        try {
            thread.join(settings.ioTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("recorder of %s did not stop within the I/O timeout", settings.camera());
        }
    }

    private void loop() {
        Duration wait = settings.backoff().initial();
        while (running) {
            boolean connected = session();
            if (!running) {
                break;
            }
            wait = connected ? settings.backoff().initial() : settings.backoff().next(wait);
            LOG.infof(
                    "camera %s: source lost or unreachable, reconnecting in %s",
                    settings.camera(), wait);
            synchronized (sleepLock) {
                try {
                    if (running) {
                        sleepLock.wait(wait.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** One connection: returns true if the source was opened. */
    private boolean session() {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(settings.sourceUrl());
        String timeoutMicros = Long.toString(settings.ioTimeout().toNanos() / 1000);
        grabber.setOption("rw_timeout", timeoutMicros);
        if (settings.sourceUrl().startsWith("rtsp:")) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", timeoutMicros);
        }
        grabber.setOption("fflags", "+genpts+discardcorrupt");
        grabber.setOption("analyzeduration", "2000000");
        SegmentWriter current = null;
        boolean opened = false;
        try {
            grabber.start();
            opened = true;
            connects.incrementAndGet();
            StreamInfo stream = videoStream(grabber.getFormatContext());
            LOG.infof(
                    "camera %s: connected, %s %dx%d",
                    settings.camera(), stream.codec(), stream.width(), stream.height());
            boolean gapBefore = true;
            AVPacket pkt;
            while (running && (pkt = grabber.grabPacket()) != null) {
                if (pkt.stream_index() != stream.index()) {
                    av_packet_unref(pkt); // packets we do not write must be released (javacv #1872)
                    continue;
                }
                Instant now = settings.clock().instant();
                boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                if (current == null) {
                    if (!key) {
                        av_packet_unref(pkt); // a segment must start with a keyframe
                        continue;
                    }
                    current = open(grabber.getFormatContext(), stream, now, gapBefore);
                    gapBefore = false;
                } else if (settings.rotation().shouldRotate(current.boundary(), now, key)) {
                    SegmentWriter finished = current;
                    current = null;
                    complete(finished, now);
                    current = open(grabber.getFormatContext(), stream, now, false);
                }
                current.write(pkt, now);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("camera %s: %s", settings.camera(), e.getMessage());
        } finally {
            if (current != null) {
                complete(current, current.lastPacket());
            }
            try {
                grabber.close();
            } catch (FrameGrabber.Exception e) {
                LOG.warnf(
                        "camera %s: cannot release grabber: %s", settings.camera(), e.getMessage());
            }
        }
        return opened;
    }

    private SegmentWriter open(
            AVFormatContext input, StreamInfo stream, Instant start, boolean gapBefore)
            throws IOException {
        return new SegmentWriter(
                settings.camera(),
                settings.storageDir(),
                input,
                stream,
                start,
                settings.rotation().boundaryFor(start),
                gapBefore);
    }

    private void complete(SegmentWriter writer, Instant end) {
        ClosedSegment segment;
        try {
            segment = writer.finish(end);
        } catch (IOException e) {
            writer.abandon(e);
            LOG.errorf(e, "camera %s: segment not completed", settings.camera());
            return;
        }
        segmentsClosed.incrementAndGet();
        try {
            sink.segmentClosed(segment);
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "camera %s: segment %s written but not indexed",
                    settings.camera(),
                    segment.relativePath());
        }
    }

    private static StreamInfo videoStream(AVFormatContext ctx) throws IOException {
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVCodecParameters par = ctx.streams(i).codecpar();
            if (par.codec_type() == AVMEDIA_TYPE_VIDEO) {
                // The container's tag (e.g. MPEG-TS stream type 0x1b) is meaningless in MP4; let
                // the
                // muxer choose its own (avc1, hvc1, mp4v).
                par.codec_tag(0);
                return new StreamInfo(
                        i, avcodec_get_name(par.codec_id()).getString(), par.width(), par.height());
            }
        }
        throw new IOException("source has no video stream");
    }
}
