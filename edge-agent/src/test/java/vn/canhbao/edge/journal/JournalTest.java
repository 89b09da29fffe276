package vn.canhbao.edge.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.ContractViolation;

class JournalTest {
    @TempDir Path dir;

    private JournalConfig config() {
        return new JournalConfig(dir, 1024 * 1024, 4096, Duration.ofMillis(5));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<JournalEntry> entries) {
        List<String> out = new ArrayList<>();
        for (JournalEntry e : entries) {
            out.add(new String(e.payload(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Takes everything sendable, acknowledging nothing. */
    private static List<String> all(Journal j) {
        return texts(j.takeSendable(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(Segment.PREFIX))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void handsOutAlertsFirstThenTelemetryThenDiagnosticsEachInAppendOrder() throws IOException {
        try (Journal j = Journal.open(config())) {
            j.append(Priority.TELEMETRY, bytes("t1"), 1);
            j.append(Priority.DIAGNOSTIC, bytes("d1"), 0);
            j.append(Priority.TELEMETRY, bytes("t2"), 1);
            j.append(Priority.ALERT, bytes("a1"), 1);
            j.append(Priority.ALERT, bytes("a2"), 1);

            assertThat(all(j)).containsExactly("a1", "a2", "t1", "t2", "d1");
            assertThat(j.stats().records()).isEqualTo(5);
        }
    }

    @Test
    void inFlightRecordsAreNotHandedOutTwiceAndComeBackInOrderAfterRequeue() throws IOException {
        try (Journal j = Journal.open(config())) {
            for (int i = 0; i < 5; i++) {
                j.append(Priority.TELEMETRY, bytes("t" + i), 1);
            }
            assertThat(texts(j.takeSendable(2, 3))).containsExactly("t0", "t1");
            assertThat(texts(j.takeSendable(10, 3))).containsExactly("t2");
            assertThat(j.takeSendable(10, 3)).isEmpty();

            j.requeueInFlight();

            assertThat(texts(j.takeSendable(10, 10))).containsExactly("t0", "t1", "t2", "t3", "t4");
        }
    }

    @Test
    void anAlertAppendedBehindABacklogLeavesNext() throws IOException {
        try (Journal j = Journal.open(config())) {
            for (int i = 0; i < 100; i++) {
                j.append(Priority.TELEMETRY, bytes("t" + i), 1);
            }
            assertThat(texts(j.takeSendable(3, 10))).containsExactly("t0", "t1", "t2");
            j.append(Priority.ALERT, bytes("alert"), 1);

            assertThat(texts(j.takeSendable(2, 10))).containsExactly("alert", "t3");
        }
    }

    @Test
    void acknowledgedRecordsAreNotHandedOutAgainAfterReopen() throws IOException {
        long first;
        try (Journal j = Journal.open(config())) {
            first = j.append(Priority.TELEMETRY, bytes("t0"), 1);
            j.append(Priority.TELEMETRY, bytes("t1"), 1);
            j.append(Priority.TELEMETRY, bytes("t2"), 1);
            List<JournalEntry> sent = j.takeSendable(2, 10);
            assertThat(j.acknowledge(sent.get(0).id())).isTrue();
            assertThat(j.acknowledge(sent.get(0).id())).as("duplicate ack").isFalse();
        }
        try (Journal j = Journal.open(config())) {
            assertThat(all(j)).containsExactly("t1", "t2");
            assertThat(j.nextId()).isEqualTo(first + 3);
            assertThat(j.stats().tornTailRecovered()).isZero();
        }
    }

    @Test
    void aSegmentIsDeletedOnlyWhenEveryRecordInItIsAcknowledged() throws IOException {
        try (Journal j = Journal.open(config())) {
            byte[] payload = new byte[1000];
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(j.append(Priority.TELEMETRY, payload, 1));
            }
            assertThat(segments()).as("4 KiB segments roll over").hasSizeGreaterThanOrEqualTo(3);
            int before = segments().size();
            List<JournalEntry> sent = j.takeSendable(10, 10);
            // Acknowledge all but the first: the first segment must stay.
            for (JournalEntry e : sent.subList(1, sent.size())) {
                j.acknowledge(e.id());
            }
            assertThat(segments()).hasSizeLessThan(before);
            assertThat(segments().get(0).getFileName().toString())
                    .isEqualTo(Segment.fileName(ids.get(0)));
            j.acknowledge(sent.get(0).id());
            assertThat(segments()).as("only the active segment is left").hasSize(1);
            assertThat(j.stats().records()).isZero();
            assertThat(j.stats().bytes()).isZero();
        }
        try (Journal j = Journal.open(config())) {
            assertThat(all(j)).isEmpty();
            assertThat(j.nextId()).as("ids are never reused").isEqualTo(10);
        }
    }

    @Test
    void evictsDiagnosticsThenOldestTelemetryAndKeepsAlertsWhenFull() throws IOException {
        // 16 KiB budget; each record is 1000 payload + 21 header bytes.
        JournalConfig small = new JournalConfig(dir, 16 * 1024, 4096, Duration.ZERO);
        try (Journal j = Journal.open(small)) {
            byte[] p = new byte[1000];
            for (int i = 0; i < 3; i++) {
                j.append(Priority.ALERT, tagged(p, "a" + i), 1);
            }
            for (int i = 0; i < 2; i++) {
                j.append(Priority.DIAGNOSTIC, tagged(p, "d" + i), 0);
            }
            for (int i = 0; i < 30; i++) {
                j.append(Priority.TELEMETRY, tagged(p, "t" + i), 10);
            }
            JournalStats s = j.stats();
            assertThat(s.bytes()).isLessThanOrEqualTo(16 * 1024);
            assertThat(s.evictedRecords().get(Priority.DIAGNOSTIC)).isEqualTo(2);
            assertThat(s.evictedRecords().get(Priority.ALERT)).isZero();
            assertThat(s.evictedRecords().get(Priority.TELEMETRY)).isPositive();
            assertThat(j.evictedReadings())
                    .isEqualTo(10 * s.evictedRecords().get(Priority.TELEMETRY));
            List<String> left = prefixes(j.takeSendable(100, 100));
            assertThat(left.subList(0, 3)).containsExactly("a0", "a1", "a2");
            assertThat(left).last().isEqualTo("t29");
            // The telemetry kept is the newest, contiguous.
            List<String> telemetry = left.subList(3, left.size());
            int firstKept = 30 - telemetry.size();
            for (int i = 0; i < telemetry.size(); i++) {
                assertThat(telemetry.get(i)).isEqualTo("t" + (firstKept + i));
            }
        }
    }

    @Test
    void alertsAreEvictedOnlyWhenNothingElseIsLeftAndLowerRecordsAreThenDropped()
            throws IOException {
        JournalConfig small = new JournalConfig(dir, 8 * 1024, 4096, Duration.ZERO);
        try (Journal j = Journal.open(small)) {
            byte[] p = new byte[1000];
            for (int i = 0; i < 10; i++) {
                j.append(Priority.ALERT, tagged(p, "a" + i), 1);
            }
            j.append(Priority.TELEMETRY, tagged(p, "t0"), 1);

            JournalStats s = j.stats();
            // 8 records of 1,021 bytes fit: a8 and a9 pushed out a0 and a1.
            assertThat(s.evictedRecords().get(Priority.ALERT)).isEqualTo(2);
            assertThat(s.evictedRecords().get(Priority.TELEMETRY)).isEqualTo(1); // the new one
            assertThat(prefixes(j.takeSendable(100, 100))).startsWith("a2").doesNotContain("t0");
        }
    }

    @Test
    void survivesARecordCutInTheMiddle() throws IOException {
        appendThree();
        Path seg = segments().get(segments().size() - 1);
        long size = Files.size(seg);
        truncate(seg, size - 3);

        try (Journal j = Journal.open(config())) {
            assertThat(all(j)).containsExactly("r0", "r1");
            assertThat(j.stats().tornTailRecovered()).isEqualTo(1);
            assertThat(j.stats().tornTailBytesTruncated()).isEqualTo(size - 3 - lengthOfTwo());
            j.append(Priority.TELEMETRY, bytes("r3"), 1);
        }
        try (Journal j = Journal.open(config())) {
            assertThat(all(j)).containsExactly("r0", "r1", "r3");
            assertThat(j.stats().tornTailRecovered()).as("repaired for good").isZero();
        }
    }

    @Test
    void survivesGarbageAfterTheLastRecord() throws IOException {
        appendThree();
        Path seg = segments().get(segments().size() - 1);
        Files.write(seg, bytes("\u0001garbage-garbage-garbage"), StandardOpenOption.APPEND);

        try (Journal j = Journal.open(config())) {
            assertThat(all(j)).containsExactly("r0", "r1", "r2");
            assertThat(j.stats().tornTailRecovered()).isEqualTo(1);
            assertThat(j.stats().tornTailBytesTruncated()).isEqualTo(24);
        }
    }

    @Test
    void survivesAZeroedTail() throws IOException {
        appendThree();
        Path seg = segments().get(segments().size() - 1);
        long size = Files.size(seg);
        // The file system allocated the last block but the data never made it: zeros.
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4096), lengthOfTwo());
        }

        try (Journal j = Journal.open(config())) {
            assertThat(all(j)).containsExactly("r0", "r1");
            assertThat(j.stats().tornTailRecovered()).isEqualTo(1);
            assertThat(j.stats().tornTailBytesTruncated()).isEqualTo(4096);
            assertThat(size).isLessThan(4096);
        }
    }

    @Test
    void aFlippedBitInTheLastRecordIsCaughtByTheChecksum() throws IOException {
        appendThree();
        Path seg = segments().get(segments().size() - 1);
        byte[] all = Files.readAllBytes(seg);
        all[all.length - 1] ^= 0x01;
        Files.write(seg, all);

        try (Journal j = Journal.open(config())) {
            assertThat(all(j)).containsExactly("r0", "r1");
            assertThat(j.stats().tornTailRecovered()).isEqualTo(1);
        }
    }

    @Test
    void aTornRemovalLogResendsAtMostTheRecordsWhoseAcknowledgementWasCut() throws IOException {
        try (Journal j = Journal.open(config())) {
            for (int i = 0; i < 3; i++) {
                j.append(Priority.TELEMETRY, bytes("r" + i), 1);
            }
            for (JournalEntry e : j.takeSendable(2, 10)) {
                j.acknowledge(e.id());
            }
        }
        Path removed = dir.resolve("removed.log");
        truncate(removed, Files.size(removed) - 5);

        try (Journal j = Journal.open(config())) {
            // r0's removal is intact, r1's was cut: r1 is sent again (at least once), r2 still due.
            assertThat(all(j)).containsExactly("r1", "r2");
            assertThat(j.stats().tornTailRecovered()).isEqualTo(1);
        }
    }

    @Test
    void appendIsDurableAtTheNextGroupFsync() throws Exception {
        try (Journal j = Journal.open(config().withFsyncInterval(Duration.ofMillis(200)))) {
            long id = j.append(Priority.ALERT, bytes("a"), 1);
            long before = j.stats().fsyncs();
            long t0 = System.nanoTime();
            assertThat(j.awaitDurable(id, Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .as("awaitDurable asks for the fsync at once")
                    .isLessThan(Duration.ofMillis(150));
            assertThat(j.stats().fsyncs()).isGreaterThan(before);
        }
    }

    @Test
    void awaitEmptyReturnsWhenEverythingIsAcknowledged() throws Exception {
        try (Journal j = Journal.open(config())) {
            j.append(Priority.TELEMETRY, bytes("x"), 1);
            assertThat(j.awaitEmpty(Duration.ofMillis(20))).isFalse();
            JournalEntry e = j.takeSendable(1, 1).get(0);
            Thread acker = new Thread(() -> j.acknowledge(e.id()));
            acker.start();
            assertThat(j.awaitEmpty(Duration.ofSeconds(5))).isTrue();
            acker.join();
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws IOException {
        try (Journal j = Journal.open(config())) {
            assertThatThrownBy(() -> Journal.open(config()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another");
        }
    }

    @Test
    void refusesBadConfigurationAndOversizedRecordsNamingTheField() throws IOException {
        assertThatThrownBy(() -> new JournalConfig(dir, 1000, 4096, Duration.ZERO))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("maxBytes")
                .hasMessageContaining("1000");
        assertThatThrownBy(() -> new JournalConfig(dir, 1 << 20, 100, Duration.ZERO))
                .hasMessageContaining("segmentBytes");
        assertThatThrownBy(() -> new JournalConfig(dir, 1 << 20, 4096, Duration.ofMillis(-1)))
                .hasMessageContaining("fsyncInterval");
        assertThatThrownBy(() -> new JournalConfig(null, 1 << 20, 4096, Duration.ZERO))
                .hasMessageContaining("dir");
        try (Journal j = Journal.open(config())) {
            assertThatThrownBy(() -> j.append(Priority.TELEMETRY, new byte[5000], 1))
                    .isInstanceOf(ContractViolation.class)
                    .hasMessageContaining("payload")
                    .hasMessageContaining("5000 bytes");
            assertThatThrownBy(() -> j.append(Priority.TELEMETRY, new byte[1], -1))
                    .hasMessageContaining("readings");
            assertThat(j.stats().records()).isZero();
        }
    }

    private void appendThree() throws IOException {
        try (Journal j = Journal.open(config())) {
            for (int i = 0; i < 3; i++) {
                j.append(Priority.TELEMETRY, bytes("r" + i), 1);
            }
        }
    }

    /** Bytes of two records "r0", "r1" on disk. */
    private static long lengthOfTwo() {
        return 2L * RecordFormat.recordBytes(2);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static byte[] tagged(byte[] template, String tag) {
        byte[] p = template.clone();
        byte[] t = bytes(tag + ";");
        System.arraycopy(t, 0, p, 0, t.length);
        return p;
    }

    private static List<String> prefixes(List<JournalEntry> entries) {
        List<String> out = new ArrayList<>();
        for (JournalEntry e : entries) {
            String s = new String(e.payload(), StandardCharsets.UTF_8);
            out.add(s.substring(0, s.indexOf(';')));
        }
        return out;
    }
}
