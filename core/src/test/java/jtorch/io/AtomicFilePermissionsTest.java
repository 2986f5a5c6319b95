package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written atomically get the same permissions as any other file the process writes (not 0600). */
class AtomicFilePermissionsTest {
    @TempDir Path dir;

    @Test void atomicWritesHaveTheDefaultPermissions() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.bin");
        AtomicFile.write(atomic, ch -> ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)));
        AtomicFile.write(atomic, ch -> ch.write(ByteBuffer.wrap(new byte[] {4})));
        assertEquals(1, Files.size(atomic));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left");
        }
    }
}
