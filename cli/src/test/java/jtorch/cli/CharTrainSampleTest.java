package jtorch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jtorch.io.Json;
import jtorch.io.LanguageModelFile;
import jtorch.tensor.Generator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jtorch train --data text:FILE --model char-lstm} and {@code jtorch sample} end to end on a small text (seconds). */
class CharTrainSampleTest {
    @TempDir Path tmp;
    Path text;

    @BeforeEach void writeText() throws Exception {
        StringBuilder sb = new StringBuilder();
        Generator g = new Generator(5);
        while (sb.length() < 3000) sb.append(g.nextInt(2) == 0 ? "the cat. " : "a dog!\n");
        text = Files.writeString(tmp.resolve("t.txt"), sb, StandardCharsets.UTF_8);
    }

    String[] train(String out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--data", "text:" + text, "--model", "char-lstm",
                "--hidden", "16", "--layers", "1", "--batch", "6", "--seq-length", "10", "--lr", "0.01",
                "--val-fraction", "0.1", "--out", tmp.resolve(out).toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test void trainsPrintsValidationPerEpochAndSamples() throws Exception {
        CliResult r = CliResult.run(train("run", "--epochs", "3"));
        assertEquals(0, r.status(), r.err());
        assertEquals(3, r.out().split("validation \\d\\.\\d+ nats/char", -1).length - 1, r.out());
        Path out = tmp.resolve("run");
        for (String f : new String[] {"model.safetensors", "sample.txt", "curves.png", "curves.html", "metrics.json"})
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        Map<String, Object> m = Json.parseObject(Files.readString(out.resolve("metrics.json")));
        assertEquals(3, ((List<?>) m.get("epochs")).size());
        double val = ((Number) m.get("validationLoss")).doubleValue();
        assertTrue(val < Math.log(12) - 0.5, "validation loss " + val); // 12 distinct characters
        assertEquals(List.of("\n", " ", ".", "!", "a", "c", "d", "e", "g", "h", "o", "t").stream().sorted().toList(),
                LanguageModelFile.load(out.resolve("model.safetensors")).vocabulary());

        String model = out.resolve("model.safetensors").toString();
        CliResult s1 = CliResult.run("sample", "--model", model, "--length", "80", "--temperature", "0.8", "--seed", "3",
                "--prime", "the ");
        CliResult s2 = CliResult.run("sample", "--model", model, "--length", "80", "--temperature", "0.8", "--seed", "3",
                "--prime", "the ");
        CliResult s3 = CliResult.run("sample", "--model", model, "--length", "80", "--temperature", "0.8", "--seed", "4",
                "--prime", "the ");
        assertEquals(0, s1.status(), s1.err());
        assertEquals(s1.out(), s2.out());
        assertNotEquals(s1.out(), s3.out());
        assertTrue(s1.out().startsWith("the "), s1.out());
        assertEquals(4 + 80 + System.lineSeparator().length(), s1.out().length(), s1.out()); // prime, 80 characters, newline
        CliResult greedy = CliResult.run("sample", "--model", model, "--length", "20", "--temperature", "0", "--top-k", "3");
        assertEquals(0, greedy.status(), greedy.err());
    }

    @Test void charGruTrainsAndSamples() throws Exception {
        String[] a = train("gru", "--epochs", "2");
        a[4] = "char-gru";
        CliResult r = CliResult.run(a);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("nn.GRU"), r.out());
        double val = number(r.out(), "epoch 2/2  train \\d\\.\\d+  validation (\\d\\.\\d+)");
        assertTrue(val < Math.log(12) - 0.5, r.out());
        CliResult s = CliResult.run("sample", "--model", tmp.resolve("gru/model.safetensors").toString(), "--length", "30");
        assertEquals(0, s.status(), s.err());
        assertEquals(30 + System.lineSeparator().length(), s.out().length());
    }

    static double number(String text, String regex) { return TrainEvalSearchTest.number(text, regex); }

    @Test void resumeEqualsAnUninterruptedRun() throws Exception {
        Path ck = tmp.resolve("ck");
        assertEquals(0, CliResult.run(train("a", "--epochs", "2")).status());
        CliResult first = CliResult.run(train("b", "--epochs", "1", "--checkpoint-dir", ck.toString()));
        assertEquals(0, first.status(), first.err());
        CliResult resumed = CliResult.run(train("b", "--epochs", "2", "--resume", ck.toString()));
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("resuming from"), resumed.out());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/model.safetensors")), Files.readAllBytes(tmp.resolve("b/model.safetensors")));
        // another network size is refused, naming both
        CliResult other = CliResult.run("train", "--data", "text:" + text, "--model", "char-lstm", "--hidden", "8",
                "--layers", "1", "--batch", "6", "--seq-length", "10", "--lr", "0.01", "--val-fraction", "0.1",
                "--epochs", "2", "--resume", ck.toString(), "--out", tmp.resolve("c").toString());
        assertEquals(2, other.status());
        assertTrue(other.err().contains("different network"), other.err());
    }

    @Test void userErrorsAreOneLine() throws Exception {
        expect(CliResult.run("train", "--data", "text:" + tmp.resolve("missing.txt"), "--model", "char-lstm"), "no such text file");
        Path empty = Files.write(tmp.resolve("empty.txt"), new byte[0]);
        expect(CliResult.run("train", "--data", "text:" + empty, "--model", "char-lstm", "--out", tmp.resolve("o").toString()), "empty");
        expect(CliResult.run("train", "--data", "text:" + text, "--model", "char-lstm", "--out", tmp.resolve("o").toString()),
                "too few for batch size 50 and sequence length 50");
        expect(CliResult.run("train", "--data", "text:" + text, "--model", "mlp"), "char-lstm or char-gru");
        expect(CliResult.run("train", "--model", "char-lstm"), "needs --data text:FILE");
        expect(CliResult.run("train", "--data", "text:" + text, "--model", "char-lstm", "--optimizer", "adam"), "rmsprop");
        expect(CliResult.run("sample"), "--model FILE is required");
        expect(CliResult.run("sample", "--model", text.toString()), "");
        assertEquals(0, CliResult.run(train("run", "--epochs", "1")).status());
        String model = tmp.resolve("run/model.safetensors").toString();
        expect(CliResult.run("sample", "--model", model, "--prime", "xyz"), "the character 'x' is not in the model's");
        expect(CliResult.run("sample", "--model", model, "--temperature", "-1"), "temperature");
    }

    private static void expect(CliResult r, String part) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(part), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
    }
}
