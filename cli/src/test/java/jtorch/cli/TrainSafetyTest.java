package jtorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jtorch.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training runs that cannot silently go wrong: divergence, outputs, resume mismatches, digits validation, logs. */
class TrainSafetyTest {
    @TempDir Path tmp;

    private static final String[] DIVERGING = {"--model", "mlp", "--hidden", "16", "--lr", "10", "--epochs", "6",
            "--schedule", "none"};

    @Test void aDivergingRunStopsWithOneLineStatus1AndKeepsTheLastGoodCheckpoint() throws Exception {
        Path ck = tmp.resolve("ck"), out = tmp.resolve("out");
        CliResult r = CliResult.run(TrainEvalSearchTest.concat(DIVERGING, "train", "--checkpoint-dir", ck.toString(),
                "--out", out.toString()));
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        Matcher m = Pattern.compile("loss became (NaN|-?Infinity) (?:at|after) epoch (\\d+).*last good checkpoint is (\\S+)"
                + " \\(--allow-nonfinite").matcher(r.err());
        assertTrue(m.find(), r.err());
        int bad = Integer.parseInt(m.group(2));
        assertTrue(Files.exists(Path.of(m.group(3))), m.group(3));
        assertFalse(Files.exists(ck.resolve(String.format("epoch-%04d.ckpt", bad))), "no checkpoint of the bad epoch");
        assertFalse(Files.exists(out), "no outputs from a failed run");

        CliResult on = CliResult.run(TrainEvalSearchTest.concat(DIVERGING, "train", "--allow-nonfinite", "--out",
                out.toString()));
        assertEquals(0, on.status(), on.err());
        Map<String, Object> metrics = Json.parseObject(Files.readString(out.resolve("metrics.json")));
        int best = ((Number) metrics.get("bestEpoch")).intValue();
        assertTrue(best >= 1 && best < bad, "best epoch " + best + " must be a finite one, before epoch " + bad);
        Map<?, ?> bestRow = (Map<?, ?>) ((List<?>) metrics.get("epochs")).get(best - 1);
        assertTrue(bestRow.get("valLoss") instanceof Number, bestRow.toString());
    }

    @Test void digitsValidationIsCutFromTheTrainingSplitAndLogsOneLinePerEpoch() {
        CliResult r = CliResult.run("train", "--epochs", "3", "--out", tmp.resolve("o").toString());
        assertEquals(0, r.status(), r.err());
        Matcher m = Pattern.compile("digits: (\\d+) train, (\\d+) validation, (\\d+) test").matcher(r.out());
        assertTrue(m.find(), r.out());
        int train = Integer.parseInt(m.group(1)), val = Integer.parseInt(m.group(2)), test = Integer.parseInt(m.group(3));
        assertEquals(1797, train + val + test);
        assertTrue(val > 0 && val < test, "validation " + val + " is not the test split (" + test + ")");
        List<String> epochLines = r.out().lines().filter(l -> l.startsWith("epoch ")).toList();
        assertEquals(3, epochLines.size(), "one line per epoch off a terminal:\n" + String.join("\n", epochLines));
        assertTrue(r.out().contains("best epoch "), r.out());
        assertFalse(r.out().contains("\r"));
    }

    @Test void unwritableOutputsFailBeforeTraining() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        CliResult r = CliResult.run("train", "--out", file.resolve("run").toString());
        MainErrorsTest.oneLineError(r, "--out");
        assertFalse(r.out().contains("epoch "), "failed before training: " + r.out());
        r = CliResult.run("train", "--checkpoint-dir", file.resolve("ck").toString(), "--out", tmp.resolve("o").toString());
        MainErrorsTest.oneLineError(r, "--checkpoint-dir");
        assertFalse(r.out().contains("epoch "), r.out());
        r = CliResult.run("train", "--checkpoint-dir", tmp.resolve("o/ck").toString(), "--out", tmp.resolve("o").toString());
        MainErrorsTest.oneLineError(r, "lies inside --out");
        Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(tmp.resolve("mine/notes.txt"), "keep me");
        MainErrorsTest.oneLineError(CliResult.run("train", "--out", tmp.resolve("mine").toString()), "notes.txt");
        assertEquals("keep me", Files.readString(tmp.resolve("mine/notes.txt")));
    }

    @Test void modelFilesHaveTheSamePermissionsAsTheOtherOutputs() throws Exception {
        Path out = tmp.resolve("o");
        assertEquals(0, CliResult.run("train", "--epochs", "1", "--out", out.toString()).status());
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return;
        String metrics = PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("metrics.json")));
        for (String f : new String[] {"model.safetensors", "curves.png", "confusion.png"}) {
            assertEquals(metrics, PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))), f);
        }
    }

    @Test void resumeRefusesAnotherNetworkOrOptimizer() {
        Path ck = tmp.resolve("ck");
        String[] first = {"--model", "mlp", "--hidden", "16", "--epochs", "1", "--val-fraction", "0.1"};
        assertEquals(0, CliResult.run(TrainEvalSearchTest.concat(first, "train", "--checkpoint-dir", ck.toString(),
                "--out", tmp.resolve("a").toString())).status());
        CliResult r = CliResult.run("train", "--model", "mlp", "--hidden", "32", "--epochs", "2", "--resume", ck.toString(),
                "--out", tmp.resolve("b").toString());
        MainErrorsTest.oneLineError(r, "holds a different network", "\"outputSize\":16", "\"outputSize\":32");
        r = CliResult.run("train", "--model", "mlp", "--hidden", "16", "--epochs", "2", "--optimizer", "adam", "--lr",
                "0.001", "--resume", ck.toString(), "--out", tmp.resolve("b").toString());
        MainErrorsTest.oneLineError(r, "was trained with sgd", "asks for adam", "learningRate=0.001");
        r = CliResult.run("train", "--model", "mlp", "--hidden", "16", "--epochs", "2", "--lr", "0.01", "--resume",
                ck.toString(), "--out", tmp.resolve("b").toString());
        MainErrorsTest.oneLineError(r, "learningRate=0.05", "learningRate=0.01");
        CliResult ok = CliResult.run("train", "--model", "mlp", "--hidden", "16", "--epochs", "2", "--resume",
                ck.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(0, ok.status(), ok.err());
    }
}
