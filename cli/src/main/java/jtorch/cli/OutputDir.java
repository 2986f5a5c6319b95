package jtorch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An output directory replaced as a whole: the command writes its files, once training is done, into a fresh sibling
 * {@code .NAME.new-XXXX} ({@link #staging()}), and {@link #commit()} swaps it in by renames: {@code NAME → .NAME.old-XXXX},
 * {@code .NAME.new-XXXX → NAME}, then deletes the old one. A failure before the commit leaves the old files untouched
 * (the staging directory is removed); a crash between the two renames leaves no {@code NAME} but a complete
 * {@code .NAME.old-XXXX}, which the next {@link #prepare} renames back. So {@code NAME} holds either the old or the
 * new set of files, never a mix.
 * <p>Because the whole directory is replaced, {@link #prepare} refuses a directory holding anything but the command's
 * own {@code outputs} (the user's other files would be lost), and it checks, before any training, that the parent can
 * be written (a probe file is created and deleted).
 */
final class OutputDir {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String option;
    private final Path target;
    private Path staging;
    private boolean done;

    private OutputDir(String option, Path target) {
        this.option = option;
        this.target = target;
    }

    /** The final directory (what the command prints). */
    Path target() { return target; }

    /** Where the files go until {@link #commit()}; created on the first call (so only while outputs are written). */
    Path staging() {
        if (staging != null) return staging;
        Path s = target.getParent().resolve("." + target.getFileName() + ".new-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
        try {
            Files.createDirectory(s);
        } catch (IOException e) {
            throw new CliException("--" + option + ": cannot create " + s + " (" + why(e) + ")");
        }
        return staging = s;
    }

    /** Checks {@code dir} (given as {@code --option}) and creates the staging directory; throws {@link CliException}. */
    static OutputDir prepare(String option, String dir, Set<String> outputs) {
        Path target = Path.of(dir).toAbsolutePath().normalize();
        Path parent = target.getParent();
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (parent == null || name.isEmpty()) throw new CliException("--" + option + ": " + dir
                + " cannot be replaced as a whole; give a sub-directory such as " + dir + "/run");
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new CliException("--" + option + ": cannot create directory " + parent + " (" + why(e) + ")");
        }
        recover(parent, name, target);
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) throw new CliException("--" + option + ": " + dir + " exists and is not a directory");
            try (Stream<Path> s = Files.list(target)) {
                List<String> foreign = s.map(p -> p.getFileName().toString()).filter(n -> !outputs.contains(n)).sorted().toList();
                if (!foreign.isEmpty()) throw new CliException("--" + option + ": " + dir + " holds " + foreign.getFirst()
                        + (foreign.size() > 1 ? " and " + (foreign.size() - 1) + " more" : "") + ", which are not "
                        + "outputs of this command; the directory is replaced as a whole, so give a new or empty one");
            } catch (IOException e) {
                throw new CliException("--" + option + ": cannot list " + dir + " (" + why(e) + ")");
            }
        }
        probe(option, parent);
        return new OutputDir(option, target);
    }

    /** Fails with one line when {@code dir} cannot be written: creates and deletes a probe file there. */
    static void probe(String option, Path dir) {
        Path p = dir.resolve(".jtorch-write-test-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
        try {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            }
            Files.delete(p);
        } catch (IOException e) {
            throw new CliException("--" + option + ": cannot write in " + dir + " (" + why(e) + ")");
        }
    }

    /** An I/O failure in words, without exception class names. */
    static String why(IOException e) {
        return switch (e) {
            case java.nio.file.FileAlreadyExistsException f -> "a file is in the way: " + f.getFile();
            case java.nio.file.AccessDeniedException d -> "permission denied: " + d.getFile();
            case java.nio.file.NoSuchFileException n -> "no such directory: " + n.getFile();
            case java.nio.file.FileSystemException f -> f.getReason() != null ? f.getReason() + ": " + f.getFile() : String.valueOf(f.getFile());
            default -> e.getMessage() != null ? e.getMessage() : "I/O error";
        };
    }

    /** Swaps the staging directory in (see the class comment). */
    void commit() {
        staging();
        Path parent = target.getParent(), old = null;
        try {
            if (Files.exists(target)) {
                old = parent.resolve("." + target.getFileName() + ".old-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            syncDirectory(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("--" + option + ": cannot move " + staging + " to " + target + " ("
                    + e.getMessage() + ")" + (old != null ? "; the previous files are in " + old : ""), e);
        }
        if (old != null) deleteTree(old);
    }

    /** Removes the staging directory unless committed (call in a finally). */
    void discard() {
        if (!done && staging != null) deleteTree(staging);
    }

    /**
     * After a crash between the two renames: the old directory back. Staging directories of killed runs are removed
     * once an hour old (a younger one may belong to a run writing its outputs right now).
     */
    private static void recover(Path parent, String name, Path target) {
        String newPrefix = "." + name + ".new-", oldPrefix = "." + name + ".old-";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(newPrefix)
                || p.getFileName().toString().startsWith(oldPrefix))) {
            for (Path p : ds) {
                boolean isOld = p.getFileName().toString().startsWith(oldPrefix);
                if (isOld && !Files.exists(target)) Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                else if (isOld || Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 3_600_000L) deleteTree(p);
            }
        } catch (IOException e) {
            // best effort: a leftover directory does not affect this run
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // not possible on every platform
        }
    }
}
