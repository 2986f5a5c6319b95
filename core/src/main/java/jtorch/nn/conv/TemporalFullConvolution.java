package jtorch.nn.conv;

import jtorch.nn.ModuleType;

/**
 * Transposed 1-d convolution (the adjoint of {@link TemporalConvolution}): input [B, nInputPlane, L] → output
 * [B, nOutputPlane, L'], L' = (L − 1)s − 2p + d(K − 1) + 1 + outputPadding; channels first like every jtorch
 * convolution (see {@link TemporalConvolution} for the difference to Torch7's [B, T, F]).
 * <p>Weight [nInputPlane, nOutputPlane/groups, K...]; formulas, bias, initialisation and printing: {@link Convolution}.
 */
public class TemporalFullConvolution extends Convolution {
    public static final ModuleType<TemporalFullConvolution> TYPE = ModuleType.of("TemporalFullConvolution", TemporalFullConvolution.class, Convolution::describe,
            a -> new TemporalFullConvolution(a.integer("nInputPlane"), a.integer("nOutputPlane"), a.ints("kernel"), a.ints("stride"), a.ints("padding"), a.ints("outputPadding"), a.ints("dilation"), a.integer("groups"), a.bool("bias")));

    /** Sizes per dimension (1 entries each, in dimension order L). */
    public TemporalFullConvolution(int nInputPlane, int nOutputPlane, int[] kernel, int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups, boolean bias) {
        super("TemporalFullConvolution", 1, nInputPlane, nOutputPlane, kernel, stride, padding, dilation, groups, bias, outputPadding);
    }

    /** A cube kernel of size {@code kernel}; stride, zero padding and output padding the same along every dimension, dilation 1, 1 group, with bias. */
    public TemporalFullConvolution(int nInputPlane, int nOutputPlane, int kernel, int stride, int padding, int outputPadding) {
        this(nInputPlane, nOutputPlane, same(1, kernel), same(1, stride), same(1, padding), same(1, outputPadding), same(1, 1), 1, true);
    }

    @Override public TemporalFullConvolution clone() { return (TemporalFullConvolution) super.clone(); }
}
