package vn.canhbao.edge.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;

/**
 * The gateway's durable store-and-forward journal: append-only segment files with a CRC-32C per
 * record, group fsync, bounded in bytes with priority classes.
 *
 * <p><b>Guarantees.</b>
 *
 * <ul>
 *   <li>{@link #append} writes the record to the active segment at once (it survives a crash of the
 *       process, {@code kill -9}) and makes it durable against power loss at the next group fsync,
 *       at most {@code fsyncInterval} later ({@link Duration#ZERO}: before {@code append} returns).
 *       {@link #awaitDurable} waits for that fsync and asks for it at once.
 *   <li>A record leaves the journal only through {@link #acknowledge} (the broker confirmed it) or
 *       eviction when the journal is full (counted per class in {@link JournalStats}). Both are
 *       written to a removal log, fsynced with the same group fsync, so a restart does not hand out
 *       an acknowledged record again, except an acknowledgement of the last {@code fsyncInterval}
 *       before a power cut (a resend; receivers drop duplicates by (gateway, seq)).
 *   <li>{@link #takeSendable} hands out {@link Priority#ALERT} records first, then {@link
 *       Priority#TELEMETRY}, then {@link Priority#DIAGNOSTIC}; each class in append order, so the
 *       readings of a sensor leave in order within a class. After {@link #requeueInFlight} the
 *       records go out again in the same order.
 *   <li>Eviction, when an append would exceed {@code maxBytes} of live records: the oldest
 *       DIAGNOSTIC first, then the oldest TELEMETRY; an ALERT only when no other record is left. A
 *       record of a class lower than everything stored is itself dropped (and counted).
 *   <li>{@link #open} recovers: every record's length and CRC are checked; a torn or corrupt tail
 *       (a cut record, garbage, zeros) is truncated and counted in {@link
 *       JournalStats#tornTailRecovered()}; every complete record before it is kept.
 * </ul>
 *
 * <p>A segment file is deleted when every record in it has been removed. Disk use is therefore the
 * live bytes plus the removed records that share a segment with a live one.
 *
 * <p>Threading: thread-safe; one background thread {@code canhbao-journal-fsync} does the group
 * fsync (none when {@code fsyncInterval} is zero). {@link #close()} stops it.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final String REMOVAL_LOG = "removed.log";
    private static final String LOCK_FILE = "journal.lock";
    private static final long REMOVAL_LOG_COMPACT_BYTES = 1024 * 1024;

    private final JournalConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final EnumMap<Priority, ArrayDeque<Meta>> queues = new EnumMap<>(Priority.class);
    private final HashMap<Long, Meta> inFlight = new HashMap<>();
    private final long[] liveByPriority = new long[Priority.values().length];
    private final long[] evicted = new long[Priority.values().length];
    private long evictedReadings;
    private final ByteBuffer removalBuffer = ByteBuffer.allocate(RecordFormat.REMOVAL_BYTES);
    private final Thread flusher;
    private ByteBuffer recordBuffer = ByteBuffer.allocate(4096);
    private FileChannel removalLog;
    private long removalLogBytes;
    private Segment active;
    private long nextId;
    private long lastWrittenId = -1;
    private long durableId = -1;
    private long liveRecords;
    private long liveBytes;
    private long tornTails;
    private long tornBytes;
    private long fsyncs;
    private boolean dirtyRecords;
    private boolean dirtyRemovals;
    private boolean flushRequested;
    private boolean closed;

    private Journal(JournalConfig config, FileChannel lockChannel, FileLock lock) {
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
        for (Priority p : Priority.values()) {
            queues.put(p, new ArrayDeque<>());
        }
        this.flusher =
                config.fsyncInterval().isZero()
                        ? null
                        : new Thread(this::flushLoop, "canhbao-journal-fsync");
    }

    /**
     * Opens (or creates) the journal in {@code config.dir()}, recovering from a crash or a torn
     * tail.
     *
     * @throws IOException when the directory cannot be read or written
     * @throws IllegalStateException when another journal holds the directory
     */
    public static Journal open(JournalConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        Files.createDirectories(config.dir());
        FileChannel lockChannel =
                FileChannel.open(
                        config.dir().resolve(LOCK_FILE),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by another journal in this JVM
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException(
                    "journal " + config.dir() + " is open in another process or journal");
        }
        Journal j = new Journal(config, lockChannel, lock);
        try {
            j.recover();
        } catch (IOException | RuntimeException e) {
            j.closeFiles();
            throw e;
        }
        if (j.flusher != null) {
            j.flusher.setDaemon(true);
            j.flusher.start();
        }
        return j;
    }

    public JournalConfig config() {
        return config;
    }

    /**
     * Appends a record; it is sendable at once. Evicts lower-priority (then older) records first if
     * the journal would exceed {@code maxBytes}.
     *
     * @param payload the bytes to send later (copied)
     * @param readings how many readings it holds, ≥ 0
     * @return the record's id (increasing); if the record was itself dropped as the least
     *     important, the id it would have had (counted in {@link JournalStats#evictedRecords()})
     * @throws ContractViolation when the record is larger than {@code segmentBytes} or {@code
     *     readings} is negative
     * @throws UncheckedIOException when the disk refuses the write (nothing is appended)
     * @throws IllegalStateException when closed
     */
    public synchronized long append(Priority priority, byte[] payload, int readings) {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(payload, "payload");
        ensureOpen();
        int bytes = RecordFormat.recordBytes(payload.length);
        if (bytes > config.segmentBytes()) {
            throw new ContractViolation(
                    "payload",
                    payload.length + " bytes",
                    "a record must fit in a segment of " + config.segmentBytes() + " bytes");
        }
        if (readings < 0) {
            throw new ContractViolation("readings", readings, "expected 0 or more");
        }
        long id = nextId;
        if (!makeRoom(priority, bytes)) {
            nextId++;
            evicted[priority.code()]++;
            evictedReadings += readings;
            LOG.warn(
                    "journal full ({} bytes): dropped a new {} record, nothing less important left",
                    liveBytes,
                    priority);
            return id;
        }
        try {
            if (active.size + bytes > config.segmentBytes() && active.size > 0) {
                rollOver(id);
            }
            if (recordBuffer.capacity() < bytes) {
                recordBuffer = ByteBuffer.allocate(Math.max(bytes, recordBuffer.capacity() * 2));
            }
            RecordFormat.encodeRecord(recordBuffer, id, priority, readings, payload);
            writeFully(active, recordBuffer);
        } catch (IOException e) {
            throw new UncheckedIOException("journal append to " + active.path + " failed", e);
        }
        nextId++;
        Meta m = new Meta(id, priority, active, active.size, payload.length, readings);
        active.size += bytes;
        active.lastId = id;
        active.markLive(id);
        queues.get(priority).addLast(m);
        liveRecords++;
        liveBytes += bytes;
        liveByPriority[priority.code()]++;
        lastWrittenId = id;
        dirtyRecords = true;
        if (flusher == null) {
            forceNow();
        }
        return id;
    }

    /**
     * Waits until record {@code id} (and every record before it) is fsynced, asking for the fsync
     * at once. Alerts use this before they count as stored.
     *
     * @return whether it is durable within {@code timeout}
     */
    public synchronized boolean awaitDurable(long id, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (durableId < id && !closed) {
            if (id > lastWrittenId && id < nextId) {
                return true; // dropped at append: nothing to wait for
            }
            flushRequested = true;
            notifyAll();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return durableId >= id;
    }

    /**
     * Marks up to {@code maxEntries} records that are not in flight as in flight, without letting
     * more than {@code maxInFlight} be in flight, and returns them: ALERT first, then TELEMETRY,
     * then DIAGNOSTIC, each in append order.
     *
     * @throws UncheckedIOException when a segment cannot be read
     */
    public synchronized List<JournalEntry> takeSendable(int maxEntries, int maxInFlight) {
        ensureOpen();
        List<JournalEntry> out = new ArrayList<>();
        for (Priority p : Priority.values()) {
            ArrayDeque<Meta> q = queues.get(p);
            dropRemovedHead(q);
            for (Meta m : q) {
                if (out.size() >= maxEntries || inFlight.size() >= maxInFlight) {
                    return out;
                }
                if (m.removed || m.inFlight) {
                    continue;
                }
                out.add(new JournalEntry(m.id, p, read(m), m.readings));
                m.inFlight = true;
                inFlight.put(m.id, m);
            }
        }
        return out;
    }

    /**
     * Removes a record the broker confirmed. The removal is written at once and fsynced with the
     * next group fsync; the segment file is deleted when it holds no live record any more.
     *
     * @return false when the record was already gone (a duplicate acknowledgement, evicted)
     */
    public synchronized boolean acknowledge(long id) {
        if (closed) {
            return false;
        }
        Meta m = inFlight.remove(id);
        if (m == null) {
            m = findLive(id);
            if (m == null) {
                return false;
            }
        }
        remove(m, RecordFormat.REMOVED_ACKNOWLEDGED);
        return true;
    }

    /** Connection lost: every in-flight record becomes sendable again, in its original order. */
    public synchronized int requeueInFlight() {
        int n = inFlight.size();
        for (Meta m : inFlight.values()) {
            m.inFlight = false;
        }
        inFlight.clear();
        return n;
    }

    /** Makes one in-flight record sendable again (its publish never reached the wire). */
    public synchronized boolean release(long id) {
        Meta m = inFlight.remove(id);
        if (m == null) {
            return false;
        }
        m.inFlight = false;
        return true;
    }

    /**
     * Waits until no live record is left, at most {@code timeout}.
     *
     * @return whether the journal is empty
     */
    public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (liveRecords > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The id the next append gets; survives restarts (ids are never reused). */
    public synchronized long nextId() {
        return nextId;
    }

    /** Readings in the records evicted since open (all classes). */
    public synchronized long evictedReadings() {
        return evictedReadings;
    }

    /** Records in flight now. */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    public synchronized JournalStats stats() {
        Map<Priority, Long> live = new EnumMap<>(Priority.class);
        Map<Priority, Long> ev = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            live.put(p, liveByPriority[p.code()]);
            ev.put(p, evicted[p.code()]);
        }
        return new JournalStats(liveRecords, liveBytes, live, ev, tornTails, tornBytes, fsyncs);
    }

    /** Forces what is written, stops the fsync thread and closes the files. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        if (flusher != null) {
            try {
                flusher.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            forceNow();
            closeFiles();
        }
    }

    // ---------------------------------------------------------------- internals

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("journal " + config.dir() + " is closed");
        }
    }

    /** Evicts until {@code bytes} more fit; false when the new record itself must be dropped. */
    private boolean makeRoom(Priority incoming, int bytes) {
        Priority[] lowestFirst = {Priority.DIAGNOSTIC, Priority.TELEMETRY, Priority.ALERT};
        while (liveBytes + bytes > config.maxBytes()) {
            Meta victim = null;
            for (Priority c : lowestFirst) {
                victim = oldestEvictable(c);
                if (victim != null || c == incoming) {
                    break;
                }
            }
            if (victim == null) {
                return false;
            }
            evicted[victim.priority.code()]++;
            evictedReadings += victim.readings;
            remove(victim, RecordFormat.REMOVED_EVICTED);
        }
        return true;
    }

    private Meta oldestEvictable(Priority p) {
        for (Meta m : queues.get(p)) {
            if (!m.removed && !m.inFlight) {
                return m;
            }
        }
        return null;
    }

    private Meta findLive(long id) {
        for (ArrayDeque<Meta> q : queues.values()) {
            for (Meta m : q) {
                if (m.id == id && !m.removed) {
                    m.inFlight = false;
                    return m;
                }
            }
        }
        return null;
    }

    private void remove(Meta m, byte kind) {
        m.removed = true;
        if (m.inFlight) {
            inFlight.remove(m.id);
            m.inFlight = false;
        }
        m.segment.markRemoved(m.id);
        liveRecords--;
        liveBytes -= RecordFormat.recordBytes(m.payloadLength);
        liveByPriority[m.priority.code()]--;
        dropRemovedHead(queues.get(m.priority));
        try {
            RecordFormat.encodeRemoval(removalBuffer, m.id, kind);
            while (removalBuffer.hasRemaining()) {
                removalLog.write(removalBuffer, removalLogBytes + removalBuffer.position());
            }
            removalLogBytes += RecordFormat.REMOVAL_BYTES;
            dirtyRemovals = true;
        } catch (IOException e) {
            // The record is gone from memory; on restart it would only be sent again (at least
            // once).
            LOG.warn("journal: removal of record {} not written: {}", m.id, e.toString());
        }
        if (m.segment.liveCount == 0 && m.segment != active) {
            deleteSegment(m.segment);
            maybeCompactRemovalLog();
        }
        if (flusher == null) {
            forceNow();
        }
        if (liveRecords == 0) {
            notifyAll();
        }
    }

    private static void dropRemovedHead(ArrayDeque<Meta> q) {
        while (!q.isEmpty() && q.peekFirst().removed) {
            q.pollFirst();
        }
    }

    private byte[] read(Meta m) {
        byte[] payload = new byte[m.payloadLength];
        ByteBuffer b = ByteBuffer.wrap(payload);
        long at = m.offset + RecordFormat.HEADER_BYTES + RecordFormat.BODY_FIXED_BYTES;
        try {
            while (b.hasRemaining()) {
                int n = m.segment.channel.read(b, at + b.position());
                if (n < 0) {
                    throw new IOException("unexpected end of " + m.segment.path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot read record " + m.id, e);
        }
        return payload;
    }

    private void writeFully(Segment s, ByteBuffer b) throws IOException {
        long at = s.size;
        try {
            while (b.hasRemaining()) {
                s.channel.write(b, at + b.position());
            }
        } catch (IOException e) {
            try {
                s.channel.truncate(at); // do not leave half a record behind
            } catch (IOException ignored) {
                // recovery at the next open cuts it off
            }
            throw e;
        }
    }

    private void rollOver(long baseId) throws IOException {
        Segment old = active;
        old.channel.force(false); // the closed segment is complete on disk before the next starts
        fsyncs++;
        active = createSegment(baseId);
        if (old.liveCount == 0) {
            deleteSegment(old);
        }
    }

    private Segment createSegment(long baseId) throws IOException {
        Path path = config.dir().resolve(Segment.fileName(baseId));
        FileChannel ch =
                FileChannel.open(
                        path,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        Segment s = new Segment(baseId, path, ch, ch.size());
        segments.put(baseId, s);
        forceDirectory();
        return s;
    }

    private void deleteSegment(Segment s) {
        segments.remove(s.baseId);
        s.closeQuietly();
        try {
            Files.deleteIfExists(s.path);
        } catch (IOException e) {
            LOG.warn("journal: cannot delete {}: {}", s.path, e.toString());
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(config.dir(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("journal: directory fsync not supported here: {}", e.toString());
        }
    }

    /** Forces the active segment and the removal log; call with the lock held. */
    private void forceNow() {
        try {
            if (dirtyRecords && active != null && active.channel.isOpen()) {
                active.channel.force(false);
            }
            if (dirtyRemovals && removalLog != null && removalLog.isOpen()) {
                removalLog.force(false);
            }
            if (dirtyRecords || dirtyRemovals) {
                fsyncs++;
            }
            dirtyRecords = false;
            dirtyRemovals = false;
            durableId = Math.max(durableId, lastWrittenId);
            notifyAll();
        } catch (IOException e) {
            LOG.warn("journal: fsync failed: {}", e.toString());
        }
    }

    private void flushLoop() {
        long intervalNanos = config.fsyncInterval().toNanos();
        while (true) {
            FileChannel records;
            FileChannel removals;
            long upTo;
            synchronized (this) {
                long deadline = System.nanoTime() + intervalNanos;
                try {
                    while (!closed && !flushRequested) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 && (dirtyRecords || dirtyRemovals)) {
                            break;
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left > 0 ? left : intervalNanos);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                flushRequested = false;
                records = dirtyRecords ? active.channel : null;
                removals = dirtyRemovals ? removalLog : null;
                upTo = lastWrittenId;
                dirtyRecords = false;
                dirtyRemovals = false;
            }
            if (!force(records) | !force(removals)) {
                synchronized (this) {
                    dirtyRecords = true; // try again at the next interval
                    dirtyRemovals = true;
                }
                continue;
            }
            synchronized (this) {
                fsyncs++;
                durableId = Math.max(durableId, upTo);
                notifyAll();
            }
        }
    }

    /**
     * @return false when the fsync failed (logged); true when done or not needed
     */
    private static boolean force(FileChannel ch) {
        if (ch == null) {
            return true;
        }
        try {
            ch.force(false);
            return true;
        } catch (ClosedChannelException e) {
            return true; // deleted or compacted meanwhile: forced already, or nothing left to keep
        } catch (IOException e) {
            LOG.warn("journal: fsync failed: {}", e.toString());
            return false;
        }
    }

    private void closeFiles() {
        for (Segment s : segments.values()) {
            s.closeQuietly();
        }
        segments.clear();
        try {
            if (removalLog != null) {
                removalLog.close();
            }
        } catch (IOException e) {
            LOG.warn("journal: closing the removal log failed: {}", e.toString());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("journal: releasing the lock failed: {}", e.toString());
        }
    }

    // ---------------------------------------------------------------- recovery

    private void recover() throws IOException {
        long[] removed = readRemovalLog();
        List<Long> bases = new ArrayList<>();
        try (var files = Files.list(config.dir())) {
            files.forEach(
                    f -> {
                        long base = Segment.baseIdOf(f.getFileName().toString());
                        if (base >= 0) {
                            bases.add(base);
                        }
                    });
        }
        bases.sort(null);
        long maxId = -1;
        for (long base : bases) {
            Segment s = openSegment(base);
            maxId = Math.max(maxId, scan(s, removed, Math.max(maxId + 1, base)));
            nextId = Math.max(nextId, base);
        }
        nextId = Math.max(nextId, maxId + 1);
        if (removed.length > 0) {
            nextId = Math.max(nextId, removed[removed.length - 1] + 1);
        }
        Map.Entry<Long, Segment> last = segments.lastEntry();
        if (last != null && last.getValue().size == 0 && last.getKey() == nextId) {
            active = last.getValue();
        } else {
            active = createSegment(nextId);
        }
        for (Iterator<Segment> it = new ArrayList<>(segments.values()).iterator(); it.hasNext(); ) {
            Segment s = it.next();
            if (s != active && s.liveCount == 0) {
                deleteSegment(s);
            }
        }
        compactRemovalLog();
        durableId = nextId - 1;
        lastWrittenId = nextId - 1;
        if (tornTails > 0) {
            LOG.warn(
                    "journal {}: repaired {} damaged tail(s), {} bytes cut off; {} records kept",
                    config.dir(),
                    tornTails,
                    tornBytes,
                    liveRecords);
        }
        LOG.info(
                "journal {}: {} records ({} bytes) waiting, next id {}",
                config.dir(),
                liveRecords,
                liveBytes,
                nextId);
    }

    private Segment openSegment(long base) throws IOException {
        Path path = config.dir().resolve(Segment.fileName(base));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Segment s = new Segment(base, path, ch, 0);
        segments.put(base, s);
        return s;
    }

    /**
     * Reads a segment's records, keeps the live ones and cuts off a damaged tail.
     *
     * @return the highest id read, or {@code minId - 1}
     */
    private long scan(Segment s, long[] removed, long minId) throws IOException {
        long fileSize = s.channel.size();
        long pos = 0;
        long lastId = minId - 1;
        ByteBuffer header = ByteBuffer.allocate(RecordFormat.HEADER_BYTES);
        ByteBuffer body = ByteBuffer.allocate(4096);
        String damage = null;
        while (pos < fileSize) {
            if (fileSize - pos < RecordFormat.HEADER_BYTES) {
                damage = "a cut record header";
                break;
            }
            readFully(s.channel, header.clear(), pos);
            int bodyLength = header.getInt(0);
            if (bodyLength < RecordFormat.BODY_FIXED_BYTES
                    || bodyLength > config.segmentBytes()
                    || bodyLength > JournalConfig.MAX_SEGMENT_BYTES) {
                damage = "an impossible record length " + bodyLength;
                break;
            }
            if (fileSize - pos - RecordFormat.HEADER_BYTES < bodyLength) {
                damage = "a cut record";
                break;
            }
            if (body.capacity() < bodyLength) {
                body = ByteBuffer.allocate(Math.max(bodyLength, body.capacity() * 2));
            }
            body.clear().limit(bodyLength);
            readFully(s.channel, body, pos + RecordFormat.HEADER_BYTES);
            body.flip();
            java.util.zip.CRC32C c = new java.util.zip.CRC32C();
            c.update(header.duplicate().position(0).limit(4));
            c.update(body.duplicate());
            if ((int) c.getValue() != header.getInt(4)) {
                damage = "a checksum mismatch";
                break;
            }
            long id = body.getLong(0);
            Priority p = Priority.ofCode(body.get(8));
            int readings = body.getInt(9);
            if (id <= lastId || id < s.baseId || p == null || readings < 0) {
                damage = "an inconsistent record (id " + id + ")";
                break;
            }
            lastId = id;
            s.lastId = id;
            int payloadLength = bodyLength - RecordFormat.BODY_FIXED_BYTES;
            if (Arrays.binarySearch(removed, id) < 0) {
                Meta m = new Meta(id, p, s, pos, payloadLength, readings);
                queues.get(p).addLast(m);
                s.markLive(id);
                liveRecords++;
                liveBytes += RecordFormat.recordBytes(payloadLength);
                liveByPriority[p.code()]++;
            }
            pos += RecordFormat.HEADER_BYTES + bodyLength;
        }
        if (damage != null) {
            long cut = fileSize - pos;
            LOG.warn(
                    "journal {}: {} at byte {} of {}; cutting off the last {} bytes",
                    config.dir(),
                    damage,
                    pos,
                    s.path.getFileName(),
                    cut);
            s.channel.truncate(pos);
            s.channel.force(true);
            tornTails++;
            tornBytes += cut;
        }
        s.size = pos;
        return lastId;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long start = at - b.position();
        while (b.hasRemaining()) {
            if (ch.read(b, start + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** Reads the removal log, cutting off a damaged tail; returns the removed ids, sorted. */
    private long[] readRemovalLog() throws IOException {
        Path path = config.dir().resolve(REMOVAL_LOG);
        removalLog =
                FileChannel.open(
                        path,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        long size = removalLog.size();
        long[] ids = new long[(int) Math.min(Integer.MAX_VALUE - 8, size / 13)];
        int n = 0;
        ByteBuffer b = ByteBuffer.allocate(64 * RecordFormat.REMOVAL_BYTES);
        long pos = 0;
        boolean damaged = false;
        outer:
        while (pos < size) {
            b.clear();
            long chunk = Math.min(b.capacity(), size - pos);
            b.limit((int) chunk);
            readFully(removalLog, b, pos);
            b.flip();
            while (b.remaining() >= RecordFormat.REMOVAL_BYTES) {
                if (!RecordFormat.validRemoval(b)) {
                    damaged = true;
                    break outer;
                }
                ids[n++] = b.getLong(b.position());
                b.position(b.position() + RecordFormat.REMOVAL_BYTES);
                pos += RecordFormat.REMOVAL_BYTES;
            }
            if (b.remaining() > 0) {
                damaged = true; // a cut mark at the very end
                break;
            }
        }
        if (damaged) {
            long cut = size - pos;
            LOG.warn(
                    "journal {}: damaged removal log at byte {}; cutting off the last {} bytes",
                    config.dir(),
                    pos,
                    cut);
            removalLog.truncate(pos);
            removalLog.force(true);
            tornTails++;
            tornBytes += cut;
        }
        removalLogBytes = pos;
        long[] sorted = Arrays.copyOf(ids, n);
        Arrays.sort(sorted);
        return sorted;
    }

    private void maybeCompactRemovalLog() {
        if (removalLogBytes < REMOVAL_LOG_COMPACT_BYTES) {
            return;
        }
        long needed = 0;
        for (Segment s : segments.values()) {
            needed += (s.lastId - s.baseId + 1) - s.liveCount;
        }
        if (removalLogBytes > 2 * needed * RecordFormat.REMOVAL_BYTES) {
            try {
                compactRemovalLog();
            } catch (IOException e) {
                LOG.warn("journal: compacting the removal log failed: {}", e.toString());
            }
        }
    }

    /**
     * Rewrites the removal log with marks for the removed records of live segments only (the others
     * are gone with their files): a new file, fsynced, renamed over the old one.
     */
    private void compactRemovalLog() throws IOException {
        Path path = config.dir().resolve(REMOVAL_LOG);
        Path tmp = config.dir().resolve(REMOVAL_LOG + ".tmp");
        long written = 0;
        try (FileChannel out =
                FileChannel.open(
                        tmp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(RecordFormat.REMOVAL_BYTES);
            for (Segment s : segments.values()) {
                for (long id = s.baseId; id <= s.lastId; id++) {
                    if (!s.live.get(Math.toIntExact(id - s.baseId))) {
                        RecordFormat.encodeRemoval(b, id, RecordFormat.REMOVED_ACKNOWLEDGED);
                        while (b.hasRemaining()) {
                            out.write(b);
                        }
                        written += RecordFormat.REMOVAL_BYTES;
                    }
                }
            }
            out.force(true);
        }
        removalLog.close();
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        removalLog = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        removalLogBytes = written;
        dirtyRemovals = false;
    }

    /** Index entry of a live record; the payload stays on disk. */
    private static final class Meta {
        final long id;
        final Priority priority;
        final Segment segment;
        final long offset;
        final int payloadLength;
        final int readings;
        boolean inFlight;
        boolean removed;

        Meta(
                long id,
                Priority priority,
                Segment segment,
                long offset,
                int payloadLength,
                int readings) {
            this.id = id;
            this.priority = priority;
            this.segment = segment;
            this.offset = offset;
            this.payloadLength = payloadLength;
            this.readings = readings;
        }
    }
}
