package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a jtorch-written safetensors file with an independent Python reader ({@code tools/safetensors_check.py}, using
 * {@code torch.frombuffer}) and compares every value exactly. Skipped (reported) when {@code /usr/bin/python3} has no
 * torch.
 */
class SafetensorsPythonTest {
    static final String PYTHON = "/usr/bin/python3";
    @TempDir Path dir;

    static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Path script() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("tools/safetensors_check.py");
            if (Files.isRegularFile(s)) return s;
        }
        throw new AssertionError("tools/safetensors_check.py not found above " + Path.of("").toAbsolutePath());
    }

    static List<Object> values(Tensor t) {
        List<Object> v = new ArrayList<>();
        switch (t.dtype()) {
            case F32 -> { for (float x : t.toFloatArray()) v.add((double) x); }
            case F64 -> { for (double x : t.toDoubleArray()) v.add(x); }
            case I32 -> { for (int x : t.toIntArray()) v.add(x); }
        }
        return v;
    }

    @Test void pythonReadsTheSameValues() throws Exception {
        Assumptions.assumeTrue(torchAvailable(), PYTHON + " with torch is not available: skipping the cross-check");
        Generator g = new Generator(5);
        Map<String, Tensor> ts = new LinkedHashMap<>();
        ts.put("w", Tensor.randn(g, 3, 5));
        ts.put("d", Tensor.randn(DType.F64, g, 2, 1, 3));
        ts.put("i", Tensor.of(new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}, 2, 2));
        ts.put("scalar", Tensor.scalar(DType.F64, Math.PI));
        ts.put("empty", Tensor.zeros(0, 4));
        ts.put("t", Tensor.randn(g, 4, 3).t());
        ts.put("tiny", Tensor.of(new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE}));
        Map<String, String> meta = Map.of("jtorch.format", "1", "note", "ü \"x\"");
        Path f = dir.resolve("x.safetensors");
        Safetensors.write(f, ts, meta);

        Map<String, Object> expTensors = new LinkedHashMap<>();
        ts.forEach((k, t) -> {
            List<Object> shape = new ArrayList<>();
            for (int s : t.sizes()) shape.add(s);
            expTensors.put(k, Map.of("dtype", t.dtype().name(), "shape", shape, "values", values(t)));
        });
        Path expect = dir.resolve("expected.json");
        Files.writeString(expect, Json.write(Map.of("tensors", expTensors, "metadata", meta)));

        Process p = new ProcessBuilder(PYTHON, script().toString(), f.toString(), "--expect", expect.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("\nOK"), out);
    }

    @Test void pythonRejectsAMismatch() throws Exception {
        Assumptions.assumeTrue(torchAvailable(), PYTHON + " with torch is not available: skipping the cross-check");
        Path f = dir.resolve("y.safetensors");
        Safetensors.write(f, Map.of("a", Tensor.of(new float[] {1, 2})), Map.of());
        Path expect = dir.resolve("wrong.json");
        Files.writeString(expect, Json.write(Map.of("tensors", Map.of("a", Map.of("dtype", "F32", "shape", List.of(2),
                "values", List.of(1.0, 2.5))))));
        Process p = new ProcessBuilder(PYTHON, script().toString(), f.toString(), "--expect", expect.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("MISMATCH a: values differ"), out);
    }
}
