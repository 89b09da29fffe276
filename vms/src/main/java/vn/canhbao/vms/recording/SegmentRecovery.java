package vn.canhbao.vms.recording;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.ContractViolation;

/**
 * Run at start, before any recorder: finds segment files the index does not know — a {@code .part}
 * file left by a crash (fragmented MP4, playable up to its last complete fragment), or a complete
 * file whose index insert failed — probes each with FFmpeg, renames a {@code .part} to its final
 * name, and hands it to the sink. Start time comes from the file name, end time from the media
 * duration; such segments are marked {@code gapBefore} since continuity is unknown. A file that
 * FFmpeg cannot read or that holds no video packet is left as it is and logged.
 */
public final class SegmentRecovery {
    private static final Logger LOG = Logger.getLogger(SegmentRecovery.class);
    private static final Pattern NAME = Pattern.compile("(\\d{6}\\.\\d{3})Z\\.mp4(\\.part)?");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss.SSS");

    private SegmentRecovery() {}

    /**
     * @param storageDir root of the segment files
     * @param indexed whether a relative path ({@code camera/day/name.mp4}) is already indexed
     * @param sink receives each recovered segment
     * @return the number of segments recovered
     */
    public static int recover(Path storageDir, Predicate<String> indexed, SegmentSink sink) {
        if (!Files.isDirectory(storageDir)) {
            return 0;
        }
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(storageDir, 3)) {
            candidates =
                    walk.filter(p -> storageDir.relativize(p).getNameCount() == 3)
                            .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                            .sorted()
                            .toList();
        } catch (IOException e) {
            LOG.errorf(e, "cannot scan %s for unindexed segments", storageDir);
            return 0;
        }
        int recovered = 0;
        for (Path file : candidates) {
            Path rel = storageDir.relativize(file);
            Matcher m = NAME.matcher(file.getFileName().toString());
            m.matches();
            boolean part = m.group(2) != null;
            Path finalRel = rel.resolveSibling(m.group(1) + "Z.mp4");
            String key = finalRel.toString().replace(java.io.File.separatorChar, '/');
            if (!part && indexed.test(key)) {
                continue;
            }
            try {
                CameraId camera = CameraId.of(rel.getName(0).toString());
                Instant start =
                        LocalDate.parse(rel.getName(1).toString())
                                .atTime(LocalTime.parse(m.group(1), TIME))
                                .toInstant(ZoneOffset.UTC);
                Probe probe = probe(file);
                Path target = storageDir.resolve(finalRel);
                if (part) {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                }
                sink.segmentClosed(
                        new ClosedSegment(
                                camera,
                                finalRel,
                                start,
                                start.plus(probe.duration()),
                                Files.size(target),
                                probe.codec(),
                                probe.width(),
                                probe.height(),
                                true,
                                probe.packets()));
                recovered++;
                LOG.infof("recovered unindexed segment %s (%s)", finalRel, probe.duration());
            } catch (IOException | ContractViolation | java.time.DateTimeException e) {
                LOG.warnf("cannot recover %s, left as it is: %s", rel, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf(
                        "recovered %s but could not index it (retried at next start): %s",
                        rel, e.getMessage());
            }
        }
        return recovered;
    }

    record Probe(String codec, int width, int height, Duration duration, long packets) {}

    static Probe probe(Path file) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            AVFormatContext ctx = g.getFormatContext();
            int index = -1;
            for (int i = 0; i < ctx.nb_streams(); i++) {
                if (ctx.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                throw new IOException("no video stream");
            }
            AVStream stream = ctx.streams(index);
            AVCodecParameters par = stream.codecpar();
            String codec = avcodec_get_name(par.codec_id()).getString();
            int width = par.width();
            int height = par.height();
            double secondsPerTick = stream.time_base().num() / (double) stream.time_base().den();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long packets = 0;
            AVPacket pkt;
            while ((pkt = g.grabPacket()) != null) {
                if (pkt.stream_index() == index && pkt.pts() != AV_NOPTS_VALUE) {
                    first = Math.min(first, pkt.pts());
                    last = Math.max(last, pkt.pts() + Math.max(0, pkt.duration()));
                    packets++;
                }
                av_packet_unref(pkt);
            }
            if (packets == 0) {
                throw new IOException("no video packet");
            }
            Duration duration = Duration.ofNanos(Math.round((last - first) * secondsPerTick * 1e9));
            return new Probe(codec, width, height, duration, packets);
        }
    }
}
