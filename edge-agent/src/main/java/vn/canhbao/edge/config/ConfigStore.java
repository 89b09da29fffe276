package vn.canhbao.edge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The last good config on disk, {@code <dataDir>/config/gateway-config.json}: written to a
 * temporary file, fsynced, renamed over the old one atomically and the directory fsynced, so after
 * a power cut the file is either the old or the new config, never a mix.
 */
public final class ConfigStore {
    static final String FILE = "gateway-config.json";
    private final Path dir;

    public ConfigStore(Path dataDir) {
        this.dir = dataDir.resolve("config");
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    /** The stored bytes, if a config was ever stored. */
    public Optional<byte[]> read() {
        try {
            return Files.exists(file())
                    ? Optional.of(Files.readAllBytes(file()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(), e);
        }
    }

    /**
     * Replaces the stored config durably.
     *
     * @throws UncheckedIOException when it could not be made durable; the old file is intact
     */
    public void write(byte[] payload) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            try (FileChannel ch =
                    FileChannel.open(
                            tmp,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(payload);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(
                        tmp,
                        file(),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the data dir does not support atomic rename", e);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the config in " + dir, e);
        }
    }

    /** Moves a stored config that no longer validates aside, keeping it for a technician. */
    public void quarantine() {
        try {
            if (Files.exists(file())) {
                Files.move(file(), dir.resolve(FILE + ".bad"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move aside " + file(), e);
        }
    }
}
