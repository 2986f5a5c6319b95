package jtorch.nn.conv;

import jtorch.nn.ModuleType;

/**
 * Transposed 2-d convolution (Torch7's {@code nn.SpatialFullConvolution}, PyTorch's {@code ConvTranspose2d}): input
 * [B, nInputPlane, H, W] → output [B, nOutputPlane, H', W'], H' = (H − 1)s − 2p + d(K − 1) + 1 + outputPadding
 * (Torch7's adjW/adjH).
 * <p>Weight [nInputPlane, nOutputPlane/groups, K...]; formulas, bias, initialisation and printing: {@link Convolution}.
 */
public class SpatialFullConvolution extends Convolution {
    public static final ModuleType<SpatialFullConvolution> TYPE = ModuleType.of("SpatialFullConvolution", SpatialFullConvolution.class, Convolution::describe,
            a -> new SpatialFullConvolution(a.integer("nInputPlane"), a.integer("nOutputPlane"), a.ints("kernel"), a.ints("stride"), a.ints("padding"), a.ints("outputPadding"), a.ints("dilation"), a.integer("groups"), a.bool("bias")));

    /** Sizes per dimension (2 entries each, in dimension order H, W). */
    public SpatialFullConvolution(int nInputPlane, int nOutputPlane, int[] kernel, int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups, boolean bias) {
        super("SpatialFullConvolution", 2, nInputPlane, nOutputPlane, kernel, stride, padding, dilation, groups, bias, outputPadding);
    }

    /** A cube kernel of size {@code kernel}; stride, zero padding and output padding the same along every dimension, dilation 1, 1 group, with bias. */
    public SpatialFullConvolution(int nInputPlane, int nOutputPlane, int kernel, int stride, int padding, int outputPadding) {
        this(nInputPlane, nOutputPlane, same(2, kernel), same(2, stride), same(2, padding), same(2, outputPadding), same(2, 1), 1, true);
    }

    /** Torch7's argument order, {@code nn.SpatialFullConvolution(nIn, nOut, kW, kH, dW, dH, padW, padH, adjW, adjH)}
     * (adj = output padding); dilation 1, 1 group, with bias. */
    public SpatialFullConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW, int padH, int adjW, int adjH) {
        this(nInputPlane, nOutputPlane, new int[] {kH, kW}, new int[] {dH, dW}, new int[] {padH, padW}, new int[] {adjH, adjW}, same(2, 1), 1, true);
    }

    @Override public SpatialFullConvolution clone() { return (SpatialFullConvolution) super.clone(); }
}
