package jtorch.examples;

import jtorch.nn.Sequential;
import jtorch.nn.activation.LeakyReLU;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.conv.SpatialConvolution;
import jtorch.nn.conv.SpatialFullConvolution;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.View;
import jtorch.nn.norm.SpatialBatchNormalization;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The DCGAN pair (Radford, Metz, Chintala 2016) for 28×28 single-channel images, sized by the generator width g and the
 * discriminator width d:
 * <pre>
 *   G: z [B, nz] → Linear(nz, 2g·7·7) → View(2g, 7, 7) → SpatialBatchNormalization(2g) → ReLU
 *      → SpatialFullConvolution(2g → g, 4×4, stride 2, pad 1) → SpatialBatchNormalization(g) → ReLU      [B, g, 14, 14]
 *      → SpatialFullConvolution(g → 1, 4×4, stride 2, pad 1) → Sigmoid                                   [B, 1, 28, 28]
 *   D: x [B, 1, 28, 28] → SpatialConvolution(1 → d, 4×4, stride 2, pad 1) → LeakyReLU(0.2)               [B, d, 14, 14]
 *      → SpatialConvolution(d → 2d, 4×4, stride 2, pad 1) → SpatialBatchNormalization(2d) → LeakyReLU(0.2) [B, 2d, 7, 7]
 *      → View(2d·7·7) → Linear(2d·7·7, 1)                                                                  [B, 1] logits
 * </pre>
 * Pixels in [0, 1] (the Sigmoid matches jtorch.data.FashionMnist's scaling). Convolution weights are redrawn from
 * N(0, 0.02²) and batch-norm scales from N(1, 0.02²) with zero shifts, as the DCGAN paper does.
 */
final class DcganNets {
    private DcganNets() {}

    static Sequential generator(int nz, int g) {
        return new Sequential().add(new Linear(nz, 2 * g * 49)).add(new View(2 * g, 7, 7))
                .add(new SpatialBatchNormalization(2 * g)).add(new ReLU())
                .add(new SpatialFullConvolution(2 * g, g, 4, 2, 1, 0)).add(new SpatialBatchNormalization(g)).add(new ReLU())
                .add(new SpatialFullConvolution(g, 1, 4, 2, 1, 0)).add(new Sigmoid());
    }

    static Sequential discriminator(int d) {
        return new Sequential().add(new SpatialConvolution(1, d, 4, 2, 1)).add(new LeakyReLU(0.2))
                .add(new SpatialConvolution(d, 2 * d, 4, 2, 1)).add(new SpatialBatchNormalization(2 * d)).add(new LeakyReLU(0.2))
                .add(new View(2 * d * 49)).add(new Linear(2 * d * 49, 1));
    }

    /** The DCGAN initialisation (see the class comment), from {@code rng}; returns {@code net}. */
    static Sequential dcganInit(Sequential net, Generator rng) {
        for (var m : net.children()) {
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
        return net;
    }

    private static void normal(Tensor w, Generator rng, double mean, double sd) {
        w.copy(Tensor.randn(rng, w.sizes()).mulInPlace(sd).addInPlace(mean));
    }
}
