package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RBM digits example, shortened: 10 hidden units, 8 epochs (exact log Z over 1,024 states per evaluation). */
class RbmDigitsTest {

    @Test
    void exactTestLikelihoodRisesAboveTheInitialModelAndTheIndependentPixels(@TempDir Path dir) throws Exception {
        // 22 s at load 26 on 2 shared cores (19 s of it the run); measured (seed 1): independent pixels -25.32,
        // initial -25.32, after 8 epochs CD-1 -22.18, CD-10 -22.42, PCD-1 -22.25 nats per test image; gate +1.5
        RbmDigits d = new RbmDigits();
        d.parse(new String[] {"--hidden", "10", "--epochs", "8", "--plots", dir.toString()});
        d.verbose = false;
        RbmDigits.Result r = d.run();
        for (RbmDigits.Curve c : r.curves()) {
            double first = c.testLogLik()[0], last = c.testLogLik()[8];
            assertTrue(Math.abs(first - r.baselineTest()) < 0.1, c.name() + ": the initial model is nearly the"
                    + " independent-pixel model: " + first + " vs " + r.baselineTest());
            assertTrue(last > first + 1.5 && last > r.baselineTest() + 1.5, c.name() + ": test log-likelihood "
                    + first + " -> " + last + ", independent pixels " + r.baselineTest());
        }
        RbmDigitsPlots.write(d, r);
        for (String f : new String[] {"rbm-digits-loglik.png", "rbm-digits-samples.png", "rbm-digits-filters.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 1000, f);
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new RbmDigits().parse(new String[] {"--hidden", "21"}));
        assertThrows(IllegalArgumentException.class, () -> new RbmDigits().parse(new String[] {"--lr", "0"}));
        assertThrows(IllegalArgumentException.class, () -> new RbmDigits().parse(new String[] {"--what", "1"}));
    }
}
