package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.data.FashionMnist;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The LeNet-5 example, shortened for CI: one epoch on the first 6,000 training images must reach 0.70 test accuracy
 * (chance is 0.10) and the saved model file must reload with bit-identical outputs. The full run (15 epochs, all
 * 60,000 images, test accuracy >= 0.90) is the program itself; the CLI's {@code LeNetGateTest} gates accuracy.
 * Skipped (reported) without Debian's dataset-fashion-mnist.
 */
class FashionLeNetTest {

    @Test void oneShortEpochLearnsAndTheModelFileReloadsBitIdentical() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR + " (apt-get install dataset-fashion-mnist)");
        FashionLeNet f = new FashionLeNet();
        f.parse(new String[] {"--epochs", "1", "--limit", "6000", "--batch", "64"});
        f.verbose = false;
        FashionLeNet.Result r = f.run();
        assertTrue(r.testAccuracy() >= 0.70, "test accuracy " + r.testAccuracy());
        assertTrue(r.reloadIdentical(), "the reloaded model file gave different outputs");
    }

    @Test void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new FashionLeNet().parse(new String[] {"--act", "sigmoid"}));
        assertThrows(IllegalArgumentException.class, () -> new FashionLeNet().parse(new String[] {"--epochs", "0"}));
    }
}
