package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import jtorch.data.FashionMnist;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VAE example, shortened (no PyTorch peer: CI has no Python): a 20-D VAE, 3 epochs on the first 5,000 training
 * images, evaluated on the first 1,000 test images. Gates the direction: the test ELBO rises every epoch and ends far
 * above the 784 · log ½ = −543 nats of a model that knows nothing, and the importance-weighted bound (k = 50) lies
 * above the ELBO and below 0. Also the model's parameter count and the binarisation. Skipped (reported) without
 * Fashion-MNIST. Cost: 22-27 s in all (18-19 s training) measured at load 15-22 on the 2 shared cores.
 */
class VaeTest {
    @TempDir Path tmp;

    @Test void parametersAndBinarisation() {
        Generator.manualSeed(1);
        VaeModel m = new VaeModel(784, 400, 20, 1e-3, 7);
        assertEquals(VaeModel.parameterCount(784, 400, 20), m.all.getParameters().weights().numel());
        assertEquals(784 * 400 + 400 + 2 * (400 * 20 + 20) + 20 * 400 + 400 + 400 * 784 + 784, VaeModel.parameterCount(784, 400, 20));
        Tensor x = Tensor.of(new float[] {0, 127 / 255f, 128 / 255f, 1}, 1, 4);
        assertEquals(List.of(0f, 0f, 1f, 1f), toList(Vae.binarise(x).toFloatArray()));
    }

    private static List<Float> toList(float[] a) {
        Float[] b = new Float[a.length];
        for (int i = 0; i < a.length; i++) b[i] = a[i];
        return List.of(b);
    }

    @Test void shortRunRaisesTheElboAndTheIwaeBoundLiesAbove() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR + " (apt-get install dataset-fashion-mnist)");
        Vae v = new Vae();
        v.parse(new String[] {"--epochs", "3", "--train", "5000", "--test", "1000", "--k", "50", "--latents", "2,20",
                "--peer", "none", "--plots", tmp.toString()});
        v.verbose = false;
        long t0 = System.nanoTime();
        Tensor trainX = Vae.binarise(FashionMnist.train(v.data).inputs().narrow(0, 0, v.train));
        Tensor testX = Vae.binarise(FashionMnist.test(v.data).inputs().narrow(0, 0, v.test));
        Vae.Result r = v.run(trainX, testX, 20);
        double[] e = r.epochTestElbo();
        System.out.printf(Locale.ROOT, "Vae short (20-D): test ELBO per epoch %.2f %.2f %.2f, final %.2f, IWAE(50) %.2f;"
                + " %.1f s training, %.1f s in all%n", e[0], e[1], e[2], r.elbo(), r.iwae(), r.trainSeconds(),
                (System.nanoTime() - t0) / 1e9);
        assertTrue(e[1] > e[0] && e[2] > e[1], "the test ELBO rises every epoch");
        assertTrue(r.elbo() > -300, "far above the -543 nats of p = 1/2 everywhere: " + r.elbo());
        assertTrue(r.iwae() > r.elbo() && r.iwae() < 0, "ELBO " + r.elbo() + " <= IWAE " + r.iwae() + " < 0");
        assertTrue(r.epochTrainLoss()[2] < r.epochTrainLoss()[0], "the training loss falls");
        v.writePlots(List.of(r));
        BufferedImage img = ImageIO.read(tmp.resolve("vae-samples.png").toFile());
        assertTrue(img.getWidth() > 10 * 56 && img.getHeight() > 10 * 56, img.getWidth() + "x" + img.getHeight());
    }
}
