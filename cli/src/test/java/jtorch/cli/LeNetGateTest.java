package jtorch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.io.Json;
import jtorch.io.Model;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LeNet-5 gate: {@code jtorch train --model lenet5 --epochs 10} on Fashion-MNIST reaches at least 0.89 accuracy on
 * the 10,000 test images (measured 0.8969, the same in every run, 31 s wall on the 2-core machine at load ~1; 8 epochs
 * gave 0.8945, 5 epochs 0.8901: too close; the full preset, 15 epochs, reached 0.9028; PyTorch 0.900). Settings: the
 * lenet5 preset's
 * defaults (standardised inputs, sgd lr 0.05, momentum 0.9, weight decay 5e-4, batch 128, cosine schedule over the 10
 * epochs, 10 % validation split). The saved model file, loaded back, gives bit-identical outputs. Skipped (reported)
 * where Debian's {@code dataset-fashion-mnist} is not installed.
 */
class LeNetGateTest {
    static final double GATE = 0.89;

    @TempDir Path tmp;

    @Test
    void lenet5ReachesTheGateAndItsModelFileReloadsBitIdentical() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR + " (apt-get install dataset-fashion-mnist)");
        long t0 = System.nanoTime();
        CliResult r = CliResult.run("train", "--data", "fashion-mnist", "--model", "lenet5", "--epochs", "10", "--seed", "1",
                "--out", tmp.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.status(), r.err());
        Map<String, Object> m = Json.parseObject(Files.readString(tmp.resolve("metrics.json")));
        double acc = ((Number) m.get("testAccuracy")).doubleValue();
        System.out.printf(Locale.ROOT, "Fashion-MNIST gate: LeNet-5, 10 epochs, test accuracy %.4f (gate %.2f), %.1f s wall%n",
                acc, GATE, seconds);
        assertTrue(acc >= GATE, "test accuracy " + acc + " < " + GATE);
        Module a = Model.load(tmp.resolve("model.safetensors")).evaluate(), b = Model.load(tmp.resolve("model.safetensors")).evaluate();
        TensorDataset test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        Tensor x = test.inputs().narrow(0, 0, 500);
        assertArrayEquals(a.forward(x).toTensor("a").toFloatArray(), b.forward(x).toTensor("b").toFloatArray());
        double fromFile = a.forward(test.inputs()).toTensor("a").argmax(1, false).eq(test.targets()).sum() / test.size();
        assertEquals(acc, fromFile, 0.002, "the model file's own test accuracy (the file standardises by Add and CMul)");
    }

    @Test void lenet5OptionsAreChecked() {
        CliResult r = CliResult.run("train", "--model", "lenet5", "--epochs", "1");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains("--model lenet5 takes 28x28 images (784 features), the data has 64 features"), r.err());
        r = CliResult.run("train", "--model", "lenet5", "--hidden", "10");
        assertTrue(r.err().contains("--hidden applies to the seed and mlp presets, not to lenet5"), r.err());
    }
}
