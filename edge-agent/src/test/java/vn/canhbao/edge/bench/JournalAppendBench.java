package vn.canhbao.edge.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.Priority;

/**
 * Load driver: durable journal appends per second, one appending thread, packs of 10 readings
 * (SenML JSON as the agent writes them). Three runs in one process, each {@code seconds} long:
 *
 * <ol>
 *   <li>{@code group-fsync}: the journal with its default group fsync (20 ms); the figure counts
 *       only appends that are durable (it waits for the last one's fsync);
 *   <li>{@code fsync-each}: the journal with {@code fsyncInterval} zero (fsync per append), the
 *       baseline the group fsync is measured against;
 *   <li>{@code plain-file}: a bare {@link FileChannel} append, no checksum, no index, one fsync at
 *       the end: the ceiling of the disk and the JVM.
 * </ol>
 *
 * <p>Run on one core: {@code taskset -c 0 java -cp … vn.canhbao.edge.bench.JournalAppendBench
 * [seconds] [dir]}
 */
public final class JournalAppendBench {
    private static final int PER_PACK = 10;

    private JournalAppendBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path base =
                args.length > 1
                        ? Path.of(args[1])
                        : Files.createTempDirectory("canhbao-journal-bench");
        byte[] payload = BenchPacks.pack(GatewayId.of("gw-bench"), 0, PER_PACK, 200);
        System.out.printf(
                "pack: %d readings, %d bytes; %d s per run; dir %s; %d CPU(s) visible%n",
                PER_PACK,
                payload.length,
                seconds,
                base,
                Runtime.getRuntime().availableProcessors());
        report(
                "group-fsync",
                journalRun(
                        base.resolve("group"),
                        payload,
                        seconds,
                        JournalConfig.DEFAULT_FSYNC_INTERVAL));
        report(
                "fsync-each",
                journalRun(base.resolve("each"), payload, Math.max(1, seconds / 2), Duration.ZERO));
        report("plain-file", plainRun(base.resolve("plain"), payload, seconds));
        deleteTree(base);
    }

    private static void report(String name, double packsPerSecond) {
        System.out.printf(
                "%-12s %,12.0f appends/s %,14.0f readings/s%n",
                name, packsPerSecond, packsPerSecond * PER_PACK);
    }

    private static double journalRun(Path dir, byte[] payload, int seconds, Duration fsync)
            throws Exception {
        JournalConfig c =
                JournalConfig.defaults(dir)
                        .withMaxBytes(64L * 1024 * 1024 * 1024)
                        .withFsyncInterval(fsync);
        try (Journal j = Journal.open(c)) {
            long n = 0;
            long last = -1;
            long t0 = System.nanoTime();
            long end = t0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                last = j.append(Priority.TELEMETRY, payload, PER_PACK);
                n++;
            }
            if (!j.awaitDurable(last, Duration.ofSeconds(30))) {
                throw new IllegalStateException("last append not durable");
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            deleteTree(dir);
        }
    }

    private static double plainRun(Path dir, byte[] payload, int seconds) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel ch =
                FileChannel.open(
                        dir.resolve("plain.log"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.allocate(payload.length + 4);
            long n = 0;
            long t0 = System.nanoTime();
            long end = t0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                b.clear();
                b.putInt(payload.length).put(payload).flip();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                n++;
            }
            ch.force(false);
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
