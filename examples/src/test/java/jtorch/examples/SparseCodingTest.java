package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sparse-coding example, shortened for CI on the embedded digits set (so it never skips): 1,198 training and 599
 * test digits as 8×8 patches, a 64 × 128 dictionary (3 epochs), PSD and a 3-step LISTA fitted for 10 epochs, FISTA
 * and ISTA curves to 50 iterations. Gates the direction: the dictionary objective falls every epoch, the codes are
 * sparse and reconstruct, FISTA is ahead of ISTA, LISTA beats 3 (and 4) ISTA iterations and 3 FISTA iterations and
 * improves on its ISTA initialisation, PSD's shrinkage encoder beats one ISTA iteration (and LISTA beats it), and the two PNGs are written. Cost: about 40 s
 * measured at load ~28 on the 2 shared cores (9 s of CPU).
 */
class SparseCodingTest {
    @TempDir Path tmp;

    @Test void shortRunOnDigitsGoesTheRightWay() throws Exception {
        SparseCoding s = new SparseCoding();
        s.parse(new String[] {"--data", "digits", "--dict-epochs", "3", "--epochs", "10", "--iterations", "50",
                "--plots", tmp.toString()});
        s.verbose = false;
        SparseCoding.Result r = s.run();
        double[] f = r.dictObjectives();
        for (int e = 1; e < f.length; e++) assertTrue(f[e] < f[e - 1], "dictionary objective " + java.util.Arrays.toString(f));
        assertTrue(r.reconstruction() < 0.2, "reconstruction error " + r.reconstruction());
        assertTrue(r.nonzeroFraction() > 0.01 && r.nonzeroFraction() < 0.15, "nonzero fraction " + r.nonzeroFraction());
        double[] fista = r.fistaError(), ista = r.istaError();
        assertTrue(fista[2] < ista[2] && fista[49] < 0.5 * ista[49] && fista[49] < 0.1, "FISTA " + fista[2] + ", " + fista[49]
                + " vs ISTA " + ista[2] + ", " + ista[49]);
        SparseCoding.Encoder tanh = r.encoders().get(0), shrink = r.encoders().get(1), lista = r.encoders().get(2);
        assertTrue(lista.error() < ista[3] && lista.error() < fista[2], "LISTA-3 " + lista.error() + " vs ISTA-4 "
                + ista[3] + ", FISTA-3 " + fista[2]);
        assertEquals(ista[3], r.listaInitError(), 1e-3, "LISTA at ISTA's weights is ISTA-4");
        assertTrue(lista.error() < 0.8 * r.listaInitError(), "LISTA " + lista.error() + " from " + r.listaInitError());
        assertTrue(lista.k() > 3 && lista.maddSpeedup() > 1, "LISTA matched FISTA-" + lista.k() + ", "
                + lista.maddSpeedup() + "x fewer multiply-adds");
        assertTrue(shrink.error() < ista[0] && shrink.k() >= 2 && lista.error() < shrink.error(), "PSD shrinkage "
                + shrink.error() + " (FISTA-" + shrink.k() + ") vs ISTA-1 " + ista[0] + " and LISTA " + lista.error());
        assertTrue(tanh.error() < 1 && tanh.k() >= 1, "PSD tanh " + tanh.error() + " vs ISTA-1 " + ista[0]);
        for (SparseCoding.Encoder e : r.encoders())
            assertTrue(e.loss()[e.loss().length - 1] < e.loss()[0], e.name() + ": the loss falls " + java.util.Arrays.toString(e.loss()));
        for (String png : new String[] {"sparse-coding-atoms.png", "sparse-coding-code-error.png"}) {
            BufferedImage img = ImageIO.read(tmp.resolve(png).toFile());
            assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 100, png);
        }
    }

    @Test void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new SparseCoding().parse(new String[] {"--data", "cifar"}));
        assertThrows(IllegalArgumentException.class, () -> new SparseCoding().parse(new String[] {"--lambda", "-1"}));
        assertThrows(IllegalArgumentException.class, () -> new SparseCoding().parse(new String[] {"--steps", "-1"}));
        assertThrows(IllegalArgumentException.class, () -> new SparseCoding().parse(new String[] {"--what", "1"}));
    }
}
