package jtorch.nn.conv;

import jtorch.nn.ModuleType;

/**
 * Transposed 3-d convolution (Torch7's {@code nn.VolumetricFullConvolution}): input [B, nInputPlane, D, H, W] →
 * output [B, nOutputPlane, D', H', W'], each O = (S − 1)s − 2p + d(K − 1) + 1 + outputPadding.
 * <p>Weight [nInputPlane, nOutputPlane/groups, K...]; formulas, bias, initialisation and printing: {@link Convolution}.
 */
public class VolumetricFullConvolution extends Convolution {
    public static final ModuleType<VolumetricFullConvolution> TYPE = ModuleType.of("VolumetricFullConvolution", VolumetricFullConvolution.class, Convolution::describe,
            a -> new VolumetricFullConvolution(a.integer("nInputPlane"), a.integer("nOutputPlane"), a.ints("kernel"), a.ints("stride"), a.ints("padding"), a.ints("outputPadding"), a.ints("dilation"), a.integer("groups"), a.bool("bias")));

    /** Sizes per dimension (3 entries each, in dimension order D, H, W). */
    public VolumetricFullConvolution(int nInputPlane, int nOutputPlane, int[] kernel, int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups, boolean bias) {
        super("VolumetricFullConvolution", 3, nInputPlane, nOutputPlane, kernel, stride, padding, dilation, groups, bias, outputPadding);
    }

    /** A cube kernel of size {@code kernel}; stride, zero padding and output padding the same along every dimension, dilation 1, 1 group, with bias. */
    public VolumetricFullConvolution(int nInputPlane, int nOutputPlane, int kernel, int stride, int padding, int outputPadding) {
        this(nInputPlane, nOutputPlane, same(3, kernel), same(3, stride), same(3, padding), same(3, outputPadding), same(3, 1), 1, true);
    }

    @Override public VolumetricFullConvolution clone() { return (VolumetricFullConvolution) super.clone(); }
}
