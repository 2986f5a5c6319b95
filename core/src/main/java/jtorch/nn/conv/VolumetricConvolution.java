package jtorch.nn.conv;

import jtorch.nn.ModuleType;

/**
 * 3-d convolution over volumes and videos: input [B, nInputPlane, D, H, W] → output
 * [B, nOutputPlane, D', H', W'], each O = ⌊(S + 2p − d(K − 1) − 1)/s⌋ + 1 (Torch7's {@code nn.VolumetricConvolution}).
 * <p>Weight [nOutputPlane, nInputPlane/groups, K...]; formulas, bias, initialisation and printing: {@link Convolution}.
 */
public class VolumetricConvolution extends Convolution {
    public static final ModuleType<VolumetricConvolution> TYPE = ModuleType.of("VolumetricConvolution", VolumetricConvolution.class, Convolution::describe,
            a -> new VolumetricConvolution(a.integer("nInputPlane"), a.integer("nOutputPlane"), a.ints("kernel"), a.ints("stride"), a.ints("padding"), a.ints("dilation"), a.integer("groups"), a.bool("bias")));

    /** Sizes per dimension (3 entries each, in dimension order D, H, W). */
    public VolumetricConvolution(int nInputPlane, int nOutputPlane, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias) {
        super("VolumetricConvolution", 3, nInputPlane, nOutputPlane, kernel, stride, padding, dilation, groups, bias, null);
    }

    /** A cube kernel of size {@code kernel}; stride and zero padding the same along every dimension, dilation 1, 1 group, with bias. */
    public VolumetricConvolution(int nInputPlane, int nOutputPlane, int kernel, int stride, int padding) {
        this(nInputPlane, nOutputPlane, same(3, kernel), same(3, stride), same(3, padding), same(3, 1), 1, true);
    }

    /** Torch7's argument order, {@code nn.VolumetricConvolution(nIn, nOut, kT, kW, kH, dT, dW, dH, padT, padW, padH)}:
     * a kT×kH×kW kernel (weight [nOut, nIn, kT, kH, kW]), dilation 1, 1 group, with bias. */
    public VolumetricConvolution(int nInputPlane, int nOutputPlane, int kT, int kW, int kH, int dT, int dW, int dH, int padT, int padW, int padH) {
        this(nInputPlane, nOutputPlane, new int[] {kT, kH, kW}, new int[] {dT, dH, dW}, new int[] {padT, padH, padW}, same(3, 1), 1, true);
    }

    /** Stride 1, no padding, dilation 1, 1 group, with bias. */
    public VolumetricConvolution(int nInputPlane, int nOutputPlane, int kernel) {
        this(nInputPlane, nOutputPlane, kernel, 1, 0);
    }

    @Override public VolumetricConvolution clone() { return (VolumetricConvolution) super.clone(); }
}
