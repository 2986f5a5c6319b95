package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import jtorch.data.FashionMnist;
import jtorch.graph.Graph;
import jtorch.nn.Sequential;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DrLIM example, shortened: 2 epochs on the first 3,000 training images, k-NN (k = 5) with those 3,000 as the
 * reference set and the first 1,000 test images as queries. Gates the direction of the numbers: the contrastive loss
 * falls, same-class test pairs end up closer than different-class ones, and the 2-D embedding's k-NN accuracy beats
 * the 2-D PCA projection's and is far above chance (0.1); pixel-space k-NN is printed beside it. Also: the two Siamese
 * branches share one set of weights. Skipped (reported) without Fashion-MNIST. Cost: 22 s in all (14 s training) measured at
 * load ~17 on the 2 shared cores.
 */
class DrLimTest {
    @TempDir Path tmp;

    @Test void siameseBranchesShareTheirWeights() {
        Generator.manualSeed(3);
        Sequential enc = DrLim.encoder();
        Graph net = DrLim.siamese(enc);
        assertEquals(enc.getParameters().weights().numel(), net.getParameters().weights().numel());
        assertEquals(784 * 256 + 256 + 256 * 128 + 128 + 128 * 2 + 2, net.getParameters().weights().numel());
        Tensor a = Tensor.randn(new Generator(1), 4, 784);
        Table out = net.forward(Table.of(a, a)).toTable("out");
        assertArrayEquals(out.get(0).toTensor("e1").toFloatArray(), out.get(1).toTensor("e2").toFloatArray());
        // a change to the encoder's weight shows in both branches
        double before = out.get(1).toTensor("e2").get(0, 0);
        ((Linear) enc.get(4)).bias().addInPlace(1);
        Table again = net.forward(Table.of(a, a)).toTable("out");
        assertEquals(before + 1, again.get(1).toTensor("e2").get(0, 0), 1e-5);
        assertEquals(before + 1, again.get(0).toTensor("e1").get(0, 0), 1e-5);
        assertSame(enc, net.children().get(0));
    }

    /** The graph's weight sharing equals Torch7-style sharing by hand: the encoder and its sharedClone(true). */
    @Test void graphSharingEqualsASharedClone() {
        Generator.manualSeed(5);
        Sequential enc = DrLim.encoder();
        Graph net = DrLim.siamese(enc);
        Tensor a = Tensor.randn(new Generator(1), 6, 784), b = Tensor.randn(new Generator(2), 6, 784);
        Tensor y = Tensor.of(new double[] {1, -1, 1, -1, -1, 1}, 6);
        jtorch.nn.criterion.ContrastiveCriterion crit = new jtorch.nn.criterion.ContrastiveCriterion(1);
        Table in = Table.of(a, b);
        net.zeroGradParameters();
        jtorch.tensor.Activity out = net.forward(in);
        double loss = crit.forward(out, y);
        net.backward(in, crit.backward(out, y));
        float[] viaGraph = net.getParameters().gradients().toFloatArray();

        Sequential twin = enc.sharedClone(true);
        enc.zeroGradParameters();
        Table e = Table.of(enc.forward(a), twin.forward(b));
        assertEquals(loss, crit.forward(e, y), 1e-6);
        Table g = crit.backward(e, y).toTable("grads");
        enc.backward(a, g.get(0));
        twin.backward(b, g.get(1));
        assertArrayEquals(viaGraph, enc.getParameters().gradients().toFloatArray(), 1e-6f);
    }

    @Test void shortRunLearnsAnEmbeddingThatSeparatesClasses() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR + " (apt-get install dataset-fashion-mnist)");
        DrLim d = new DrLim();
        d.parse(new String[] {"--epochs", "2", "--limit", "3000", "--ref", "3000", "--queries", "1000", "--plots", tmp.toString()});
        d.verbose = false;
        long t0 = System.nanoTime();
        DrLim.Result r = d.run();
        System.out.printf(Locale.ROOT, "DrLim short: loss %.4f -> %.4f, k-NN embedding %.4f, pixels %.4f, PCA 2-D %.4f;"
                + " same-class distance %.3f, other-class %.3f; %.1f s training, %.1f s in all%n", r.epochLoss()[0],
                r.epochLoss()[1], r.knnEmbedding(), r.knnPixels(), r.knnPca(), r.sameClassDistance(),
                r.otherClassDistance(), r.trainSeconds(), (System.nanoTime() - t0) / 1e9);
        assertTrue(r.epochLoss()[1] < r.epochLoss()[0], "the loss falls");
        assertTrue(r.sameClassDistance() < 0.7 * r.otherClassDistance(), "same-class pairs are closer");
        assertTrue(r.knnEmbedding() > 0.5, "far above chance: " + r.knnEmbedding());
        assertTrue(r.knnEmbedding() > r.knnPca() + 0.1, "beats PCA 2-D: " + r.knnEmbedding() + " vs " + r.knnPca());
        assertTrue(r.knnPixels() > 0.65, "pixel k-NN works: " + r.knnPixels());
        BufferedImage img = ImageIO.read(tmp.resolve("embedding.png").toFile());
        assertTrue(img.getWidth() > 600 && img.getHeight() > 400);
    }

    @Test void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new DrLim().parse(new String[] {"--k", "0"}));
        assertThrows(IllegalArgumentException.class, () -> new DrLim().parse(new String[] {"--margin", "-1"}));
        assertThrows(IllegalArgumentException.class, () -> new DrLim().parse(new String[] {"--ref", "3", "--k", "5"}));
    }
}
