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
import jtorch.nn.penalty.TiedAutoEncoder;
import jtorch.nn.penalty.TiedLinear;
import jtorch.tensor.Generator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AutoEncoders example, shortened: 3 epochs on the first 6,000 training images, the first 1,000 test images,
 * a 3-epoch linear probe. Gates the direction: every auto-encoder (and PCA) reconstructs the clean test images with
 * less than 80 % of the mean image's MSE (measured: 0.69 for the sparse one, the slowest to learn), every code (and PCA's) classifies far above chance (0.1: the bar is 0.45; measured 0.53 for the sparse
 * code, 0.73 for the others, 0.78 for PCA), and the picture is written.
 * Skipped (reported) without Fashion-MNIST. Cost: see the class's measured time in the report (about 25 s at load ~20
 * on the 2 shared cores).
 */
class AutoEncodersTest {
    @TempDir Path tmp;

    @Test void theAutoEncodersTieTheirWeights() {
        Generator.manualSeed(1);
        for (TiedAutoEncoder ae : new TiedAutoEncoder[] {AutoEncoders.denoising(16, 0.1), AutoEncoders.sparse(16, 0.1, 1),
                AutoEncoders.contractive(16, 1e-3)}) {
            assertEquals(784 * 16 + 16 + 784, ae.getParameters().weights().numel(), "W counted once");
            TiedLinear dec = (TiedLinear) ((Sequential) ae.decoder()).get(0);
            assertSame(dec.weight().storage(), ae.getParameters().weights().storage());
        }
    }

    @Test void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AutoEncoders().parse(new String[] {"--mask", "1"}));
        assertThrows(IllegalArgumentException.class, () -> new AutoEncoders().parse(new String[] {"--bogus", "1"}));
    }

    @Test void shortRunLearnsUsefulCodes() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR);
        AutoEncoders a = new AutoEncoders();
        a.parse(new String[] {"--limit", "6000", "--testLimit", "1000", "--epochs", "3", "--probeEpochs", "3",
                "--png", tmp.resolve("ae.png").toString()});
        a.verbose = false;
        long t0 = System.nanoTime();
        AutoEncoders.Result r = a.run();
        System.out.println(AutoEncoders.table(r, a.code));
        System.out.printf("AutoEncodersTest: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(4, r.rows().size());
        for (AutoEncoders.Row row : r.rows()) {
            assertTrue(row.mse() < 0.8 * r.meanImageMse(), row.name() + ": test MSE " + row.mse() + " vs the mean image's "
                    + r.meanImageMse());
            assertTrue(row.accuracy() > 0.45, row.name() + ": linear probe " + row.accuracy());
        }
        BufferedImage img = ImageIO.read(tmp.resolve("ae.png").toFile());
        assertTrue(img.getWidth() > 900 && img.getHeight() > 400, img.getWidth() + "x" + img.getHeight());
    }
}
