package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that saves checkpoints in a loop ({@link CheckpointWriterMain}) with SIGKILL
 * ({@link Process#destroyForcibly()}) at random moments; after every kill the checkpoint at the path must load, be
 * one complete version (every weight, the optimizer buffer, the state counter and the history length equal its epoch)
 * and be at least as new as the last save the child reported finished.
 */
class CheckpointKillTest {
    static final int HIDDEN = 1200; // ~5.8 MB of weights, ~11.6 MB per checkpoint with the optimizer buffer
    @TempDir Path dir;
    @TempDir Path logs; // the children's stdout, apart from the checkpoint directory

    @Test void checkpointSurvivesSigkillAtRandomMoments() throws Exception {
        Path path = dir.resolve("run.ckpt");
        Random random = new Random(2024);
        int next = 1, kills = 8, savesSeen = 0, midSave = 0;
        for (int k = 0; k < kills; k++) {
            Path log = logs.resolve("child-" + k + ".log"); // stdout to a file: nothing the child printed can be lost
            Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                    "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    CheckpointWriterMain.class.getName(), path.toString(), Integer.toString(next), Integer.toString(HIDDEN))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastSaved(log) < next && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
            assertTrue(lastSaved(log) >= next, "child saved nothing (alive: " + p.isAlive() + ")");
            Thread.sleep(random.nextInt(400)); // a random moment, most likely in the middle of a save
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
            int reported = lastSaved(log);
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) midSave++;
            }

            Checkpoint c = Checkpoint.load(path);
            int e = c.epoch();
            assertTrue(e >= reported, "checkpoint epoch " + e + " older than the last finished save " + reported);
            assertTrue(e <= reported + 1, "checkpoint epoch " + e + " newer than any save started after " + reported);
            Tensor w = c.model().getParameters().weights();
            assertEquals(e, w.min(), "weights of epoch " + e);
            assertEquals(e, w.max(), "weights of epoch " + e);
            Tensor dfdx = c.optimizerState().tensor("dfdx");
            assertEquals(e, dfdx.min());
            assertEquals(e, dfdx.max());
            assertEquals(e, c.optimizerState().get("evalCounter", -1));
            assertEquals(e, c.history().size());
            assertEquals(e, c.rngState()[0]);
            savesSeen += reported - next + 1;
            next = e + 1;
        }
        assertTrue(savesSeen >= kills, "saves " + savesSeen);
        System.out.println("CheckpointKillTest: " + kills + " kills, " + midSave + " during a save (temporary file"
                + " left), " + savesSeen + " saves completed");
        // leftovers of killed saves do not break the next save, which also removes them
        CheckpointTest.trained(99).save(path);
        assertEquals(99, Checkpoint.load(path).epoch());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList(), "no temporary files left after a save");
        }
    }

    /** The last {@code saved N} line the child wrote to its log, or -1. */
    static int lastSaved(Path log) throws IOException {
        int last = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("saved ") && line.length() > 6) last = Integer.parseInt(line.substring(6));
        }
        return last;
    }
}
