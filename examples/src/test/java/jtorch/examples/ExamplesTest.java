package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExamplesTest {

    @Test
    void xorLossGoesBelow1e3AndPredictionsHaveTheRightSigns() {
        Xor.Result r = Xor.run(1, 5000, false);
        assertTrue(r.loss() < 1e-3, "loss " + r.loss() + " after " + r.steps() + " steps");
        float[] p = r.predictions().toFloatArray();
        assertTrue(p[0] < 0 && p[1] > 0 && p[2] > 0 && p[3] < 0, java.util.Arrays.toString(p));
    }

    @Test
    void seedNetReachesTheIssueTarget() {
        // default settings on three different random 80/20 splits (seeds 1-3): one split's 359 test images move the
        // accuracy in steps of 0.0028, so the gate is on the mean; measured 0.9721, 0.9805, 0.9777
        double sum = 0, min = 1;
        for (long seed = 1; seed <= 3; seed++) {
            SeedNet s = new SeedNet();
            s.seed = seed;
            double acc = s.run(false);
            sum += acc;
            min = Math.min(min, acc);
        }
        assertTrue(sum / 3 >= 0.97 && min >= 0.96, "mean test accuracy " + sum / 3 + ", min " + min);
    }

    @Test
    void seedNetRejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new SeedNet().parse(new String[] {"--momentum", "1.5"}));
        assertThrows(IllegalArgumentException.class, () -> new SeedNet().parse(new String[] {"--what", "1"}));
    }
}
