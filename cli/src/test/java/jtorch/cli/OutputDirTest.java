package jtorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output directory holds the old or the new set of files, never a mix. */
class OutputDirTest {
    @TempDir Path tmp;
    private static final Set<String> OUTPUTS = Set.of("a.txt", "b.txt");

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path oldRun() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(out.resolve("a.txt"), "old a");
        Files.writeString(out.resolve("b.txt"), "old b");
        return out;
    }

    @Test void aFailureBeforeTheCommitLeavesTheOldFiles() throws IOException {
        Path out = oldRun();
        OutputDir d = OutputDir.prepare("out", out.toString(), OUTPUTS);
        Files.writeString(d.staging().resolve("a.txt"), "new a"); // then the run fails before writing b.txt
        d.discard();
        assertEquals("old a", Files.readString(out.resolve("a.txt")));
        assertEquals("old b", Files.readString(out.resolve("b.txt")));
        assertEquals(List.of("run"), names(tmp), "no staging directory left");
    }

    @Test void theCommitReplacesTheWholeSet() throws IOException {
        Path out = oldRun();
        OutputDir d = OutputDir.prepare("out", out.toString(), OUTPUTS);
        Files.writeString(d.staging().resolve("a.txt"), "new a");
        d.commit();
        d.discard();
        assertEquals(List.of("a.txt"), names(out), "the old b.txt is not mixed with the new a.txt");
        assertEquals("new a", Files.readString(out.resolve("a.txt")));
        assertEquals(List.of("run"), names(tmp));
    }

    @Test void aCrashBetweenTheRenamesIsUndoneByTheNextRun() throws IOException {
        Path out = oldRun();
        Files.move(out, tmp.resolve(".run.old-abc")); // killed after the first rename
        Path stale = Files.createDirectory(tmp.resolve(".run.new-def"));
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        Path live = Files.createDirectory(tmp.resolve(".run.new-ghi")); // another run writing its outputs now
        OutputDir d = OutputDir.prepare("out", out.toString(), OUTPUTS);
        assertEquals("old b", Files.readString(out.resolve("b.txt")), "the old set is back");
        d.discard();
        assertEquals(List.of(".run.new-ghi", "run"), names(tmp), "the stale staging directory is gone, the live one kept");
        Files.delete(live);
    }

    @Test void foreignFilesAreRefused() throws IOException {
        Path out = oldRun();
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliException e = assertThrows(CliException.class, () -> OutputDir.prepare("out", out.toString(), OUTPUTS));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertEquals(List.of("run"), names(tmp), "nothing created");
    }
}
