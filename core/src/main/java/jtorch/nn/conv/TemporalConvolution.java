package jtorch.nn.conv;

import jtorch.nn.ModuleType;

/**
 * 1-d convolution over sequences: input [B, nInputPlane, L] → output [B, nOutputPlane, L'], L' = ⌊(L + 2p − d(K − 1)
 * − 1)/s⌋ + 1: the time-delay net of the tutorials.
 * <p><b>Layout differs from Torch7.</b> Torch7's {@code nn.TemporalConvolution(inputFrameSize, outputFrameSize, kW, dW)}
 * takes [B, T, F] (time, then features) and has no padding, dilation or groups; here, as for every jtorch
 * convolution, channels come first, [B, C, L] (PyTorch's {@code Conv1d}): a Torch7-layout sequence x [B, T, F] is
 * {@code x.transpose(1, 2)} (a view; the module reads strided inputs), and the output transposes back the same way.
 * The weight is [outputFrameSize, inputFrameSize, kW], not Torch7's [outputFrameSize, kW·inputFrameSize].
 * <p>Weight [nOutputPlane, nInputPlane/groups, K]; formulas, bias, initialisation and printing: {@link Convolution}.
 */
public class TemporalConvolution extends Convolution {
    public static final ModuleType<TemporalConvolution> TYPE = ModuleType.of("TemporalConvolution", TemporalConvolution.class, Convolution::describe,
            a -> new TemporalConvolution(a.integer("nInputPlane"), a.integer("nOutputPlane"), a.ints("kernel"), a.ints("stride"), a.ints("padding"), a.ints("dilation"), a.integer("groups"), a.bool("bias")));

    /** Sizes per dimension (1 entries each, in dimension order L). */
    public TemporalConvolution(int nInputPlane, int nOutputPlane, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias) {
        super("TemporalConvolution", 1, nInputPlane, nOutputPlane, kernel, stride, padding, dilation, groups, bias, null);
    }

    /** A cube kernel of size {@code kernel}; stride and zero padding the same along every dimension, dilation 1, 1 group, with bias. */
    public TemporalConvolution(int nInputPlane, int nOutputPlane, int kernel, int stride, int padding) {
        this(nInputPlane, nOutputPlane, same(1, kernel), same(1, stride), same(1, padding), same(1, 1), 1, true);
    }

    /** Stride 1, no padding, dilation 1, 1 group, with bias (e.g. LeNet's {@code new SpatialConvolution(1, 6, 5)}). */
    public TemporalConvolution(int nInputPlane, int nOutputPlane, int kernel) {
        this(nInputPlane, nOutputPlane, kernel, 1, 0);
    }

    @Override public TemporalConvolution clone() { return (TemporalConvolution) super.clone(); }
}
