package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import jtorch.data.FashionMnist;
import jtorch.nn.Sequential;
import jtorch.nn.penalty.Penalty;
import jtorch.nn.penalty.TiedAutoEncoder;
import jtorch.nn.penalty.TiedLinear;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AutoEncoders example, shortened: the first 6,000 training images, 3 epochs for the single-layer tied auto-encoders
 * and 3 for the deep ones, the first 1,000 test images, a 3-epoch linear probe. Gates the direction: every auto-encoder
 * (and PCA) reconstructs the clean test images with less than 80 % of the mean image's MSE (0.0867; measured 0.060 for
 * the single-layer sparse one, the slowest to learn), each deep auto-encoder reconstructs better than its single-layer
 * counterpart (measured 0.027 vs 0.039 denoising, 0.028 vs 0.060 sparse, 0.023 vs 0.039 contractive), every code (and
 * PCA's) classifies far above chance (0.1: the bar is 0.45; measured 0.53 for the single-layer sparse code, 0.71-0.74
 * for the others, 0.78 for PCA), and the picture is written. Skipped (reported) without Fashion-MNIST. Cost: 55 s wall
 * at load ~30 on the 2 shared cores (the test prints it); about 28 CPU seconds for the whole mvn test command,
 * compilation included.
 */
class AutoEncodersTest {
    @TempDir Path tmp;

    @Test void theAutoEncodersTieTheirWeights() {
        Generator.manualSeed(1);
        for (TiedAutoEncoder ae : new TiedAutoEncoder[] {TiedAutoEncoders.denoising(16, 0.1), TiedAutoEncoders.sparse(16, 0.1, 1),
                TiedAutoEncoders.contractive(16, 1e-3)}) {
            assertEquals(784 * 16 + 16 + 784, ae.getParameters().weights().numel(), "W counted once");
            TiedLinear dec = (TiedLinear) ((Sequential) ae.decoder()).get(0);
            assertSame(dec.weight().storage(), ae.getParameters().weights().storage());
        }
    }

    @Test void theDeepAutoEncodersHaveTheirPenaltiesAndTheirNoiseOnlyInTraining() {
        Generator.manualSeed(2);
        Tensor x = Tensor.rand(new Generator(3), 4, 784);
        Sequential[] deep = {DeepAutoEncoders.denoising(8, 32, 0.5), DeepAutoEncoders.sparse(8, 32, 0.1, 1),
                DeepAutoEncoders.contractive(8, 32, 1)};
        for (Sequential ae : deep) {
            assertEquals(784 * 32 + 32 + 32 * 8 + 8 + 8 * 32 + 32 + 32 * 784 + 784, ae.getParameters().weights().numel());
            assertEquals(32, DeepAutoEncoders.firstFilters(ae.get(0)).size(0));
            ae.training();
            Tensor out = ae.forward(x).toTensor("output");
            assertEquals(4, out.size(0));
            assertEquals(784, out.size(1));
        }
        assertTrue(Penalty.total(deep[1]) > 0, "the KL penalty is recorded");
        assertTrue(Penalty.total(deep[2]) > 0, "the contractive penalty is recorded");
        Tensor a = deep[0].forward(x).toTensor("output").clone(), b = deep[0].forward(x).toTensor("output");
        assertTrue(a.sub(b).abs().max() > 0, "masking noise in training mode");
        deep[0].evaluate();
        a = deep[0].forward(x).toTensor("output").clone();
        b = deep[0].forward(x).toTensor("output");
        assertEquals(0, a.sub(b).abs().max(), "no noise in evaluate mode");
    }

    @Test void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AutoEncoders().parse(new String[] {"--loss", "l1"}));
        assertThrows(IllegalArgumentException.class, () -> new AutoEncoders().parse(new String[] {"--shallow", "2"}));
        assertThrows(IllegalArgumentException.class, () -> new AutoEncoders().parse(new String[] {"--deep", "cd"}));
        assertThrows(IllegalArgumentException.class, () -> new AutoEncoders().parse(new String[] {"--mask", "1"}));
        assertThrows(IllegalArgumentException.class, () -> new AutoEncoders().parse(new String[] {"--bogus", "1"}));
    }

    @Test void shortRunLearnsUsefulCodes() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR);
        AutoEncoders a = new AutoEncoders();
        a.parse(new String[] {"--limit", "6000", "--testLimit", "1000", "--shallow", "1", "--epochs", "3", "--deepEpochs",
                "3", "--probeEpochs", "3", "--png", tmp.resolve("ae.png").toString()});
        a.verbose = false;
        long t0 = System.nanoTime();
        AutoEncoders.Result r = a.run();
        System.out.println(AutoEncoders.table(r, a.code));
        System.out.printf("AutoEncodersTest: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(7, r.rows().size());
        for (AutoEncoders.Row row : r.rows()) {
            assertTrue(row.mse() < 0.8 * r.meanImageMse(), row.name() + ": test MSE " + row.mse() + " vs the mean image's "
                    + r.meanImageMse());
            assertTrue(row.accuracy() > 0.45, row.name() + ": linear probe " + row.accuracy());
        }
        for (int i = 0; i < 3; i++) {
            AutoEncoders.Row one = r.rows().get(i), deep = r.rows().get(3 + i);
            assertTrue(deep.mse() < one.mse(), deep.name() + ": test MSE " + deep.mse() + " vs " + one.name() + " " + one.mse());
        }
        BufferedImage img = ImageIO.read(tmp.resolve("ae.png").toFile());
        assertTrue(img.getWidth() > 900 && img.getHeight() > 400, img.getWidth() + "x" + img.getHeight());
    }
}
