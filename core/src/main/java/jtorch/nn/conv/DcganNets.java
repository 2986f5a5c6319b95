package jtorch.nn.conv;

import jtorch.nn.ConcatTable;
import jtorch.nn.Module;
import jtorch.nn.ParallelTable;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LeakyReLU;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.View;
import jtorch.nn.norm.SpatialBatchNormalization;
import jtorch.nn.reduce.Sum;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.CMulTable;
import jtorch.nn.table.SelectTable;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The DCGAN pair (Radford, Metz, Chintala 2016) for 28×28 single-channel images, sized by the generator width g and the
 * discriminator width d, in two depths (the Dcgan example's nets, and those of its step benchmark). Plain:
 * <pre>
 *   G: z [B, nz] → Linear(nz, 2g·7·7) → View(2g, 7, 7) → SpatialBatchNormalization(2g) → ReLU
 *      → SpatialFullConvolution(2g → g, 4×4, stride 2, pad 1) → SpatialBatchNormalization(g) → ReLU      [B, g, 14, 14]
 *      → SpatialFullConvolution(g → 1, 4×4, stride 2, pad 1) → Sigmoid                                   [B, 1, 28, 28]
 *   D: x [B, 1, 28, 28] → SpatialConvolution(1 → d, 4×4, stride 2, pad 1) → LeakyReLU(0.2)               [B, d, 14, 14]
 *      → SpatialConvolution(d → 2d, 4×4, stride 2, pad 1) → SpatialBatchNormalization(2d) → LeakyReLU(0.2) [B, 2d, 7, 7]
 *      → View(2d·7·7) → Linear(2d·7·7, 1)                                                                  [B, 1] logits
 * </pre>
 * Deep adds one 3×3 layer to each: G gets SpatialConvolution(2g → 2g, 3×3, stride 1, pad 1) →
 * SpatialBatchNormalization(2g) → ReLU at 7×7 before the first up-sampling; D gets SpatialConvolution(2d → 4d, 3×3,
 * stride 2, pad 1) → SpatialBatchNormalization(4d) → LeakyReLU(0.2) [B, 4d, 4, 4] before View(4d·16) → Linear(4d·16, 1).
 * Pixels in [0, 1] (the Sigmoid matches jtorch.data.FashionMnist's scaling). {@link #dcganInit} redraws convolution
 * and linear weights from N(0, 0.02²) and batch-norm scales from N(1, 0.02²) with zero biases and shifts, as the DCGAN
 * paper does.
 */
public final class DcganNets {
    private DcganNets() {}

    /** G: noise [B, nz] (nz + C inputs when conditional) → images [B, 1, 28, 28]. */
    public static Sequential generator(int nz, int g, boolean deep) {
        Sequential s = new Sequential().add(new Linear(nz, 2 * g * 49)).add(new View(2 * g, 7, 7))
                .add(new SpatialBatchNormalization(2 * g)).add(new ReLU());
        if (deep) s.add(new SpatialConvolution(2 * g, 2 * g, 3, 1, 1)).add(new SpatialBatchNormalization(2 * g)).add(new ReLU());
        return s.add(new SpatialFullConvolution(2 * g, g, 4, 2, 1, 0)).add(new SpatialBatchNormalization(g)).add(new ReLU())
                .add(new SpatialFullConvolution(g, 1, 4, 2, 1, 0)).add(new Sigmoid());
    }

    /** D: images [B, 1, 28, 28] → logits [B, 1]. */
    public static Sequential discriminator(int d, boolean deep) {
        Sequential s = new Sequential().add(new SpatialConvolution(1, d, 4, 2, 1)).add(new LeakyReLU(0.2))
                .add(new SpatialConvolution(d, 2 * d, 4, 2, 1)).add(new SpatialBatchNormalization(2 * d)).add(new LeakyReLU(0.2));
        if (!deep) return s.add(new View(2 * d * 49)).add(new Linear(2 * d * 49, 1));
        return s.add(new SpatialConvolution(2 * d, 4 * d, 3, 2, 1)).add(new SpatialBatchNormalization(4 * d)).add(new LeakyReLU(0.2))
                .add(new View(4 * d * 16)).add(new Linear(4 * d * 16, 1));
    }

    /**
     * A projection discriminator (Miyato &amp; Koyama 2018) over {@code unconditional}'s layers: with φ(x) [B, F] the
     * flattened features before its last Linear(F, 1) (w, b) and an embedding E [C, F],
     * D(x, y) = w·φ(x) + b + e_yᵀ E φ(x), on the table {x [B, 1, 28, 28], e_y [B, C]} (e_y one-hot).
     */
    public static Sequential projection(Sequential unconditional, int classes) {
        var layers = unconditional.children();
        Sequential features = new Sequential();
        for (int i = 0; i < layers.size() - 1; i++) features.add(layers.get(i));
        Linear last = (Linear) layers.getLast();
        int f = last.weight().size(1);
        return new Sequential().add(new ParallelTable().add(features).add(new Linear(classes, f, false)))
                .add(new ConcatTable().add(new Sequential().add(new SelectTable(0)).add(last))
                        .add(new Sequential().add(new CMulTable()).add(new Sum(1)).add(new View(1))))
                .add(new CAddTable());
    }

    /** The DCGAN initialisation (see the class comment), from {@code rng}, into nested containers too; returns {@code net}. */
    public static Sequential dcganInit(Sequential net, Generator rng) {
        init(net, rng);
        return net;
    }

    private static void init(Module net, Generator rng) {
        for (var m : net.children()) {
            if (!m.children().isEmpty()) { init(m, rng); continue; }
            if (m instanceof SpatialConvolution || m instanceof SpatialFullConvolution || m instanceof Linear) {
                var p = m.namedParameters();
                normal(p.getFirst().weight(), rng, 0, 0.02);
                if (p.size() > 1) p.get(1).weight().fillInPlace(0);
            } else if (m instanceof SpatialBatchNormalization) {
                var p = m.namedParameters();
                normal(p.get(0).weight(), rng, 1, 0.02);
                p.get(1).weight().fillInPlace(0);
            }
        }
    }

    private static void normal(Tensor w, Generator rng, double mean, double sd) {
        w.copy(Tensor.randn(rng, w.sizes()).mulInPlace(sd).addInPlace(mean));
    }
}
