package jtorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every user error: status 2, exactly one line on stderr naming the problem, nothing like a stack trace. */
class MainErrorsTest {
    @TempDir Path tmp;

    static void oneLineError(CliResult r, String... expected) {
        assertEquals(2, r.status(), "status; stderr: " + r.err());
        String err = r.err();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("jtorch"), err);
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains(".java:"), "no stack trace: " + err);
        for (String e : expected) assertTrue(err.contains(e), "'" + e + "' in: " + err);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "train --epochs abc           | bad value 'abc' for --epochs",
            "train --epochs 0             | bad value 0 for --epochs",
            "train --lr -1                | --lr",
            "train --lr nan               | --lr",
            "train --momentum 1.5         | --momentum",
            "train --batch                | option --batch needs a value",
            "train --bogus 3              | unknown option --bogus",
            "train --epoch 3              | did you mean --epochs?",
            "train --optimizer foo        | expected one of sgd, adam",
            "train --optimizer adam --momentum 0.9 | --momentum applies to --optimizer sgd only",
            "train --data nowhere         | --data: 'nowhere' is neither digits",
            "train --model missing.safetensors | --model: no such file: missing.safetensors",
            "train --resume missing-ckpt  | --resume: no such file or directory",
            "train --hidden 12,x          | --hidden",
            "train stray                  | unexpected argument 'stray'",
            "train --epochs 2 --epochs 3  | given twice",
            "eval                         | --model FILE is required",
            "eval --model missing.st      | no such file: missing.st",
            "eval --model x --split dev   | bad value 'dev' for --split",
            "search --trials -2           | bad value -2 for --trials",
            "search --lr 0.1              | bad value '0.1' for --lr",
            "search --model cnn           | bad value 'cnn' for --model",
            "frobnicate                   | unknown command 'frobnicate'",
    })
    void userErrorsAreOneLine(String line, String expected) {
        oneLineError(CliResult.run(line.trim().split("\\s+")), expected);
    }

    @Test
    void corruptModelFileIsOneLine() throws Exception {
        Path bad = tmp.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        oneLineError(CliResult.run("eval", "--model", bad.toString()), "bad.safetensors");
    }

    @Test
    void emptyCheckpointDirIsOneLine() {
        oneLineError(CliResult.run("train", "--resume", tmp.toString()), "no epoch-NNNN.ckpt checkpoint in");
    }

    @Test
    void dataDirWithoutIdxFilesIsOneLine() {
        oneLineError(CliResult.run("train", "--data", tmp.toString()), "does not hold train-images-idx3-ubyte");
    }

    @Test
    void helpOnEveryCommand() {
        for (String cmd : new String[] {"train", "eval", "search"}) {
            CliResult r = CliResult.run(cmd, "--help");
            assertEquals(0, r.status(), cmd);
            assertEquals("", r.err());
            assertTrue(r.out().startsWith("usage: jtorch " + cmd), r.out());
            assertTrue(r.out().contains("--help"), r.out());
        }
        assertTrue(CliResult.run("train", "--help").out().contains("--checkpoint-dir DIR"));
        assertTrue(CliResult.run("train", "--help").out().contains("--resume FILE|DIR"));
        assertTrue(CliResult.run("search", "--help").out().contains("--trials N"));
        CliResult top = CliResult.run("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("train") && top.out().contains("eval") && top.out().contains("search"), top.out());
        assertEquals(CliResult.run("eval", "--help").out(), CliResult.run("help", "eval").out());
    }
}
