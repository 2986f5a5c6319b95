package jtorch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jtorch.data.Digits;
import jtorch.data.TensorDataset;
import jtorch.io.Json;
import jtorch.io.Model;
import jtorch.nn.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end on the embedded digits set (a few epochs, seconds). */
class TrainEvalSearchTest {
    @TempDir Path tmp;

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainWritesEverythingAndEvalAgrees() throws Exception {
        Path out = tmp.resolve("run");
        CliResult r = CliResult.run("train", "--epochs", "3", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        for (String f : new String[] {"model.safetensors", "curves.png", "curves.html", "confusion.png", "metrics.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        double acc = number(r.out(), "test accuracy (\\d\\.\\d+)");
        assertTrue(acc > 0.85, "3 epochs of the seed net on digits: " + acc);
        assertTrue(r.out().contains("ConfusionMatrix"), r.out());
        Map<String, Object> metrics = Json.parseObject(Files.readString(out.resolve("metrics.json")));
        assertEquals(3, ((java.util.List<?>) metrics.get("epochs")).size());
        assertEquals(acc, ((Number) metrics.get("testAccuracy")).doubleValue(), 1e-4);

        // the model file takes raw inputs (standardisation inside) and eval reproduces the test accuracy
        CliResult e = CliResult.run("eval", "--model", out.resolve("model.safetensors").toString(), "--data", "digits");
        assertEquals(0, e.status(), e.err());
        assertEquals(acc, number(e.out(), "accuracy (\\d\\.\\d+)"), 1e-4);
        Module m = Model.load(out.resolve("model.safetensors"));
        TensorDataset test = Digits.load().randomSplit(0.8, 1)[1];
        m.evaluate();
        double direct = m.forward(test.inputs()).tensor().argmax(1, false).eq(test.targets()).sum() / test.size();
        assertEquals(acc, direct, 1e-4);
    }

    @Test
    void resumeGivesTheSameModelAsAnUninterruptedRun() throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), ck = tmp.resolve("ck");
        String[] common = {"--model", "mlp", "--hidden", "32", "--batch", "64", "--val-fraction", "0.1", "--schedule", "none"};
        assertEquals(0, CliResult.run(concat(common, "train", "--epochs", "3", "--out", a.toString())).status());
        CliResult first = CliResult.run(concat(common, "train", "--epochs", "2", "--checkpoint-dir", ck.toString(), "--out", b.toString()));
        assertEquals(0, first.status(), first.err());
        assertTrue(Files.exists(ck.resolve("epoch-0002.ckpt")));
        CliResult resumed = CliResult.run(concat(common, "train", "--epochs", "3", "--resume", ck.toString(), "--out", b.toString()));
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("resuming from"), resumed.out());
        assertTrue(Files.exists(ck.resolve("epoch-0003.ckpt")), "continues writing checkpoints where it resumed from");
        float[] wa = Model.load(a.resolve("model.safetensors")).getParameters().weights().toFloatArray();
        float[] wb = Model.load(b.resolve("model.safetensors")).getParameters().weights().toFloatArray();
        assertArrayEquals(wa, wb);
    }

    @Test
    void trainFurtherFromAModelFileKeepsItsStandardisation() {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertEquals(0, CliResult.run("train", "--epochs", "2", "--out", a.toString()).status());
        CliResult r = CliResult.run("train", "--model", a.resolve("model.safetensors").toString(), "--data", "digits",
                "--epochs", "1", "--lr", "0.01", "--out", b.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(number(r.out(), "test accuracy (\\d\\.\\d+)") > 0.85, r.out());
    }

    @Test
    void searchPrintsTheTableAndSavesTheBest() throws Exception {
        Path out = tmp.resolve("s");
        CliResult r = CliResult.run("search", "--trials", "3", "--epochs", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("rank") && r.out().contains("score"), r.out());
        Map<String, Object> best = Json.parseObject(Files.readString(out.resolve("best.json")));
        Map<?, ?> params = (Map<?, ?>) best.get("params");
        assertTrue(params.containsKey("lr") && params.containsKey("momentum") && params.containsKey("hidden")
                && params.containsKey("batch"), params.toString());
    }

    static String[] concat(String[] common, String... first) {
        String[] r = new String[first.length + common.length];
        r[0] = first[0];
        System.arraycopy(common, 0, r, 1, common.length);
        System.arraycopy(first, 1, r, 1 + common.length, first.length - 1);
        return r;
    }
}
