package jtorch.nn.conv;

import jtorch.nn.ModuleType;

/**
 * 2-d convolution over images: input [B, nInputPlane, H, W] → output [B, nOutputPlane, H', W'],
 * H' = ⌊(H + 2p − d(K − 1) − 1)/s⌋ + 1 per dimension (Torch7's {@code nn.SpatialConvolution} with dilation and groups;
 * groups = nInputPlane = nOutputPlane is a depthwise convolution).
 * <p>Weight [nOutputPlane, nInputPlane/groups, K...]; formulas, bias, initialisation and printing: {@link Convolution}.
 */
public class SpatialConvolution extends Convolution {
    public static final ModuleType<SpatialConvolution> TYPE = ModuleType.of("SpatialConvolution", SpatialConvolution.class, Convolution::describe,
            a -> new SpatialConvolution(a.integer("nInputPlane"), a.integer("nOutputPlane"), a.ints("kernel"), a.ints("stride"), a.ints("padding"), a.ints("dilation"), a.integer("groups"), a.bool("bias")));

    /** Sizes per dimension (2 entries each, in dimension order H, W). */
    public SpatialConvolution(int nInputPlane, int nOutputPlane, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias) {
        super("SpatialConvolution", 2, nInputPlane, nOutputPlane, kernel, stride, padding, dilation, groups, bias, null);
    }

    /** A cube kernel of size {@code kernel}; stride and zero padding the same along every dimension, dilation 1, 1 group, with bias. */
    public SpatialConvolution(int nInputPlane, int nOutputPlane, int kernel, int stride, int padding) {
        this(nInputPlane, nOutputPlane, same(2, kernel), same(2, stride), same(2, padding), same(2, 1), 1, true);
    }

    /** Torch7's argument order, {@code nn.SpatialConvolution(nIn, nOut, kW, kH, dW, dH, padW, padH)}: a kH×kW kernel
     * (weight [nOut, nIn, kH, kW]), dilation 1, 1 group, with bias. */
    public SpatialConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW, int padH) {
        this(nInputPlane, nOutputPlane, new int[] {kH, kW}, new int[] {dH, dW}, new int[] {padH, padW}, same(2, 1), 1, true);
    }

    /** Stride 1, no padding, dilation 1, 1 group, with bias (e.g. LeNet's {@code new SpatialConvolution(1, 6, 5)}). */
    public SpatialConvolution(int nInputPlane, int nOutputPlane, int kernel) {
        this(nInputPlane, nOutputPlane, kernel, 1, 0);
    }

    @Override public SpatialConvolution clone() { return (SpatialConvolution) super.clone(); }
}
