package jtorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import jtorch.data.FashionMnist;
import jtorch.io.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accuracy gate: the 784-256-128-10 ReLU MLP ({@code --model mlp}) trained by {@code jtorch train} on
 * Fashion-MNIST reaches at least 0.885 accuracy on the 10,000 test images (Zalando's benchmark lists 0.883 for an
 * MLP 256-128-100). Settings (the mlp preset's defaults, chosen on the validation split): standardised inputs, sgd
 * lr 0.05, momentum 0.9, weight decay 5e-4, cosine schedule, batch 128, 20 epochs, 10 % of the training split held out
 * for validation; the test split is used once, at the end. Skipped (reported, not passed) where Debian's
 * {@code dataset-fashion-mnist} is not installed.
 */
class FashionMnistGateTest {
    static final double GATE = 0.885;

    @TempDir Path tmp;

    @Test
    void mlpReachesTheGateOnTheTestSplit() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR + " (apt-get install dataset-fashion-mnist)");
        long t0 = System.nanoTime();
        CliResult r = CliResult.run("train", "--data", "fashion-mnist", "--model", "mlp", "--seed", "1", "--out", tmp.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.status(), r.err());
        Map<String, Object> m = Json.parseObject(Files.readString(tmp.resolve("metrics.json")));
        double acc = ((Number) m.get("testAccuracy")).doubleValue();
        System.out.printf(Locale.ROOT, "Fashion-MNIST gate: MLP 784-256-128-10 test accuracy %.4f (gate %.3f), %.1f s wall%n",
                acc, GATE, seconds);
        assertTrue(acc >= GATE, "test accuracy " + acc + " < " + GATE);
        assertEquals(20, ((java.util.List<?>) m.get("epochs")).size());
    }
}
