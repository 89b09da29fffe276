package vn.canhbao.edge.seq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import vn.canhbao.contracts.GatewayId;

/**
 * A gateway's sequence numbers, strictly increasing across restarts and crashes.
 *
 * <p>Numbers are handed out from blocks reserved on disk: before the first number of a block is
 * returned, the block's end is written to {@code <dataDir>/seq/<gateway>.seq} and forced to the
 * device ({@link FileChannel#force}). After a restart or crash the counter starts at the last
 * reserved end, so it skips the unused rest of the block (a gap the platform must tolerate) and
 * never reuses a number. A damaged file stops the counter from opening rather than risk reuse.
 *
 * <p>The file is locked while open, so two agents cannot share one data dir. Thread-safe.
 */
public final class SequenceCounter implements AutoCloseable {
    /** Default numbers reserved per disk write. */
    public static final int DEFAULT_BLOCK_SIZE = 1_000;

    private static final int RECORD_BYTES = 64;
    private static final Pattern RECORD =
            Pattern.compile("cb-seq v1 reserved=(\\d{19}) crc=([0-9a-f]{8})\n *");

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final int blockSize;
    private long next;
    private long reservedEnd;

    private SequenceCounter(
            Path file, FileChannel channel, FileLock lock, int blockSize, long start) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.blockSize = blockSize;
        this.next = start;
        this.reservedEnd = start;
    }

    /** Opens the counter of {@code gateway} in {@code dataDir} with {@link #DEFAULT_BLOCK_SIZE}. */
    public static SequenceCounter open(Path dataDir, GatewayId gateway) {
        return open(dataDir, gateway, DEFAULT_BLOCK_SIZE);
    }

    /**
     * Opens (creating if needed) the counter of {@code gateway} in {@code dataDir}.
     *
     * @throws IllegalStateException when the file is damaged or another agent holds it
     * @throws UncheckedIOException when the file cannot be read or written
     */
    public static SequenceCounter open(Path dataDir, GatewayId gateway, int blockSize) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("blockSize must be positive, got " + blockSize);
        }
        Path file = dataDir.resolve("seq").resolve(gateway.value() + ".seq");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            boolean created = !Files.exists(file);
            channel =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
            if (created) {
                forceDirectory(file.getParent());
            }
            FileLock lock = lockOf(channel, file);
            long start = readReserved(channel, file);
            return new SequenceCounter(file, channel, lock, blockSize, start);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException("cannot open sequence counter " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /**
     * The next number; writes and forces a new reservation first when the current block is used up.
     */
    public synchronized long next() {
        if (!channel.isOpen()) {
            throw new IllegalStateException("sequence counter " + file + " is closed");
        }
        if (next >= reservedEnd) {
            long end = Math.addExact(next, blockSize);
            writeReserved(end);
            reservedEnd = end;
        }
        return next++;
    }

    /** The number {@link #next()} would return, without taking it. */
    public synchronized long peek() {
        return next;
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close sequence counter " + file, e);
        }
    }

    private void writeReserved(long end) {
        String body = String.format("cb-seq v1 reserved=%019d", end);
        String record = body + " crc=" + crc(body) + "\n";
        byte[] bytes =
                (record + " ".repeat(RECORD_BYTES - record.length()))
                        .getBytes(StandardCharsets.US_ASCII);
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long pos = 0;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            // Metadata too: the first write extends the file from empty.
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve sequence numbers in " + file, e);
        }
    }

    private static long readReserved(FileChannel channel, Path file) throws IOException {
        if (channel.size() == 0) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.allocate(RECORD_BYTES);
        long pos = 0;
        while (buf.hasRemaining() && pos < channel.size()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
        Matcher m = RECORD.matcher(text);
        if (channel.size() != RECORD_BYTES
                || !m.matches()
                || !m.group(2).equals(crc("cb-seq v1 reserved=" + m.group(1)))) {
            throw new IllegalStateException(
                    "sequence counter file "
                            + file
                            + " is damaged (got \""
                            + text.strip()
                            + "\"); refusing to start rather than reuse sequence numbers");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Makes a new file's directory entry durable (works on Linux; a no-op where directories cannot
     * be opened).
     */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the entry itself.
        }
    }

    private static FileLock lockOf(FileChannel channel, Path file) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(
                        "sequence counter " + file + " is in use by another process");
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException(
                    "sequence counter " + file + " is already open in this process", e);
        }
    }

    private static String crc(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.US_ASCII));
        return String.format("%08x", crc.getValue());
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                primary.addSuppressed(e);
            }
        }
    }
}
