package vn.canhbao.vms.recording;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import vn.canhbao.contracts.CameraId;

/**
 * One segment being written: a fragmented MP4 fed with the source's packets as they are (remux, no
 * encoder). Written to {@code <name>.part}; {@link #finish} writes the trailer, forces the file to
 * disk and renames it atomically to its final name, so a file without {@code .part} is always
 * complete. Not thread-safe: used by one recorder thread.
 */
final class SegmentWriter {
    private final CameraId camera;
    private final Path storageDir;
    private final Path relativePath;
    private final Path partFile;
    private final Instant start;
    private final Instant boundary;
    private final StreamInfo stream;
    private final boolean gapBefore;
    private final FFmpegFrameRecorder recorder;
    private long baseDts = AV_NOPTS_VALUE;
    private long packets;
    private Instant lastPacket;
    private boolean released;

    SegmentWriter(
            CameraId camera,
            Path storageDir,
            AVFormatContext input,
            StreamInfo stream,
            Instant start,
            Instant boundary,
            boolean gapBefore)
            throws IOException {
        this.camera = camera;
        this.storageDir = storageDir;
        this.relativePath = SegmentPaths.relativePath(camera, start);
        Path target = storageDir.resolve(relativePath);
        Files.createDirectories(target.getParent());
        this.partFile = target.resolveSibling(target.getFileName() + SegmentPaths.PART_SUFFIX);
        this.start = start;
        this.lastPacket = start;
        this.boundary = boundary;
        this.stream = stream;
        this.gapBefore = gapBefore;
        this.recorder =
                new FFmpegFrameRecorder(partFile.toFile(), stream.width(), stream.height(), 0);
        recorder.setFormat("mp4");
        // Fragmented MP4: every fragment is self-describing, so a file cut by a crash still plays.
        recorder.setOption("movflags", "+frag_keyframe+empty_moov+default_base_moof");
        try {
            recorder.start(
                    input); // remux mode: copies codec parameters from the input, opens no encoder
        } catch (FFmpegFrameRecorder.Exception e) {
            releaseQuietly(e);
            throw new IOException("cannot open segment " + partFile + ": " + e.getMessage(), e);
        }
    }

    Instant boundary() {
        return boundary;
    }

    Instant lastPacket() {
        return lastPacket;
    }

    /** Writes one packet of the source's video stream; the packet is unreferenced afterwards. */
    void write(AVPacket pkt, Instant receivedAt) throws IOException {
        if (baseDts == AV_NOPTS_VALUE) {
            baseDts = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
        }
        // Re-base timestamps so that every file starts at 0 (input time base).
        if (baseDts != AV_NOPTS_VALUE) {
            if (pkt.pts() != AV_NOPTS_VALUE) {
                pkt.pts(pkt.pts() - baseDts);
            }
            if (pkt.dts() != AV_NOPTS_VALUE) {
                pkt.dts(pkt.dts() - baseDts);
            }
        }
        try {
            recorder.recordPacket(pkt); // rescales, writes, then av_packet_unref
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot write to " + partFile + ": " + e.getMessage(), e);
        }
        packets++;
        lastPacket = receivedAt;
    }

    /**
     * Completes the file and renames it.
     *
     * @param end the segment's end time
     * @return the finished segment
     * @throws IOException if the trailer, the fsync or the rename fails; the {@code .part} file is
     *     then left on disk for inspection
     */
    ClosedSegment finish(Instant end) throws IOException {
        try {
            recorder.stop(); // writes the trailer
        } catch (FFmpegFrameRecorder.Exception e) {
            releaseQuietly(e);
            throw new IOException("cannot complete " + partFile + ": " + e.getMessage(), e);
        }
        try {
            released = true;
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException(
                    "cannot release recorder of " + partFile + ": " + e.getMessage(), e);
        }
        try (FileChannel ch = FileChannel.open(partFile, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = storageDir.resolve(relativePath);
        Files.move(partFile, target, StandardCopyOption.ATOMIC_MOVE);
        Instant safeEnd = end.isBefore(start) ? start : end;
        return new ClosedSegment(
                camera,
                relativePath,
                start,
                safeEnd,
                Files.size(target),
                stream.codec(),
                stream.width(),
                stream.height(),
                gapBefore,
                packets);
    }

    /** Releases native resources after a failure; the {@code .part} file stays. */
    void abandon(Exception cause) {
        if (released) {
            return;
        }
        try {
            recorder.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            cause.addSuppressed(e);
        }
        releaseQuietly(cause);
    }

    private void releaseQuietly(Exception cause) {
        if (released) {
            return;
        }
        released = true;
        try {
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            cause.addSuppressed(e);
        }
    }
}
