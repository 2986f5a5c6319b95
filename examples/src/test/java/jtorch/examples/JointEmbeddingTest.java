package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import jtorch.data.FashionMnist;
import jtorch.nn.Sequential;
import jtorch.nn.layer.Linear;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The WSABIE joint-embedding example, shortened: 1 epoch on the first 5,000 training images, evaluated on the 10,000
 * test images. Gates the direction: WARP training lifts precision@1 of label retrieval far above the untrained model
 * (chance ≈ 0.1) and to within 0.1 of the softmax baseline with the same encoder, lowers the true label's mean rank,
 * and makes the label embeddings retrieve their images (precision@10). Skipped (reported) without Fashion-MNIST. Cost: 12 s in all,
 * measured at load ~17 on the 2 shared cores (measured: WARP 0.7478, softmax 0.7221, untrained 0.0568).
 */
class JointEmbeddingTest {

    @Test void labelTableIsABiasFreeLinear() {
        Sequential joint = JointEmbedding.model(16, true), soft = JointEmbedding.model(16, false);
        Linear table = (Linear) joint.get(3);
        assertEquals(10, table.weight().size(0));
        assertEquals(16, table.weight().size(1));
        assertEquals(10, soft.getParameters().weights().numel() - joint.getParameters().weights().numel());
    }

    @Test void shortRunRetrievesLabelsFromImages() {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR + " (apt-get install dataset-fashion-mnist)");
        JointEmbedding j = new JointEmbedding();
        j.parse(new String[] {"--epochs", "1", "--limit", "5000"});
        j.verbose = false;
        long t0 = System.nanoTime();
        JointEmbedding.Result r = j.run();
        System.out.printf(Locale.ROOT, "JointEmbedding short: precision@1 WARP %.4f, softmax %.4f, untrained %.4f; mean rank"
                + " %.3f / %.3f / %.3f; label->image p@10 %.3f / %.3f / %.3f; %.1f s in all%n", r.warp().precisionAt1(),
                r.softmax().precisionAt1(), r.untrained().precisionAt1(), r.warp().meanRank(), r.softmax().meanRank(),
                r.untrained().meanRank(), r.warp().imagePrecisionAt10(), r.softmax().imagePrecisionAt10(),
                r.untrained().imagePrecisionAt10(), (System.nanoTime() - t0) / 1e9);
        assertTrue(r.untrained().precisionAt1() < 0.3, "untrained " + r.untrained().precisionAt1());
        assertTrue(r.warp().precisionAt1() > 0.7, "WARP precision@1 " + r.warp().precisionAt1());
        assertTrue(r.warp().precisionAt1() > r.softmax().precisionAt1() - 0.1, "WARP " + r.warp().precisionAt1()
                + " vs softmax " + r.softmax().precisionAt1());
        assertTrue(r.warp().meanRank() < 0.5 * r.untrained().meanRank(), "mean rank " + r.warp().meanRank());
        assertTrue(r.warp().imagePrecisionAt10() > 0.7, "label->image precision@10 " + r.warp().imagePrecisionAt10());
    }

    @Test void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new JointEmbedding().parse(new String[] {"--dim", "0"}));
        assertThrows(IllegalArgumentException.class, () -> new JointEmbedding().parse(new String[] {"--lr", "0"}));
    }
}
