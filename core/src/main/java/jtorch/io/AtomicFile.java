package jtorch.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Replaces a file atomically: the new content goes to a temporary file {@code .<name>.<random>.tmp} in the same
 * directory, is flushed to disk ({@link FileChannel#force}), renamed over the target ({@code ATOMIC_MOVE}), and the
 * directory is flushed too. A reader, or a process killed at any moment, sees either the old file or the new one,
 * never a mixture. Temporary files left by a killed writer are removed by the next write to the same target. The
 * temporary file is created with the default permissions (the process's umask, like any other file it writes), not
 * {@link Files#createTempFile}'s owner-only 0600, so the file keeps them after the rename.
 */
public final class AtomicFile {
    private AtomicFile() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the content of a file through an open channel. */
    @FunctionalInterface
    public interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Atomically replaces {@code target} with what {@code body} writes. */
    public static void write(Path target, Body body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        String prefix = tempPrefix(abs);
        Path tmp = null;
        try {
            removeLeftovers(dir, prefix);
            FileChannel ch = null;
            while (ch == null) {
                tmp = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
                try {
                    ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
                } catch (FileAlreadyExistsException taken) {
                    tmp = null;
                }
            }
            try (FileChannel c = ch) {
                body.writeTo(c);
                c.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            }
        }
    }

    /** The prefix of temporary files for {@code target}: {@code .<name>.}. */
    static String tempPrefix(Path target) { return "." + target.getFileName() + "."; }

    /** Deletes temporary files of earlier writes to the same target that were killed before their rename. */
    private static void removeLeftovers(Path dir, String prefix) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path p : ds) Files.deleteIfExists(p);
        }
    }

    /** fsync of the directory, so the rename itself is durable; not possible on every platform (then skipped). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a directory as a channel; the rename is still atomic there
        }
    }
}
