package jtorch.nn.layer;

import java.util.Arrays;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/** Shape checks and broadcast reductions shared by the layers of this package. */
final class LayerShapes {
    private LayerShapes() {}

    /** gradOutput as a tensor of exactly {@code sizes}; throws naming the module otherwise. */
    static Tensor grad(String module, Activity gradOutput, int[] sizes) {
        Tensor g = gradOutput.toTensor(module + " gradOutput");
        if (!Arrays.equals(g.sizes(), sizes)) throw new IllegalArgumentException(module + ": gradOutput has shape "
                + g.shape() + ", expected the output's shape " + Arrays.toString(sizes));
        return g;
    }

    /**
     * Checks that {@code x} is a batch [B, s_1, ..., s_k] that a per-sample parameter of shape {@code param}
     * (rank k) broadcasts against: param[d] is x.size(d + 1) or 1 (1 only when {@code broadcast}).
     */
    static Tensor batchOf(String module, Activity input, int[] param, boolean broadcast) {
        Tensor x = input.toTensor(module);
        boolean ok = x.dim() == param.length + 1;
        for (int d = 0; ok && d < param.length; d++) ok = param[d] == x.size(d + 1) || broadcast && param[d] == 1;
        if (!ok) throw new IllegalArgumentException(module + ": expected input [B, " + perSample(param, broadcast)
                + "], got " + x.shape());
        return x;
    }

    private static String perSample(int[] param, boolean broadcast) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < param.length; d++) {
            sb.append(d == 0 ? "" : ", ").append(broadcast && param[d] == 1 ? "*" : String.valueOf(param[d]));
        }
        return sb.toString();
    }

    /** Σ of g [B, s...] over the batch and over the dimensions where {@code param} has size 1: a tensor of shape param. */
    static Tensor sumTo(Tensor g, int[] param) {
        Tensor r = g.sum(0, false);
        for (int d = 0; d < param.length; d++) if (param[d] == 1 && r.size(d) != 1) r = r.sum(d, true);
        return r;
    }

    /** Positive sizes, copied; throws naming the module otherwise. */
    static int[] positive(String module, int... sizes) {
        if (sizes.length == 0) throw new IllegalArgumentException(module + ": at least one size is needed");
        for (int s : sizes) if (s < 1) throw new IllegalArgumentException(module + ": sizes must be positive, got "
                + Arrays.toString(sizes));
        return sizes.clone();
    }

    /** Elements per sample of a batch tensor (product of dims 1..). */
    static int perSampleCount(Tensor x) {
        int n = 1;
        for (int d = 1; d < x.dim(); d++) n *= x.size(d);
        return n;
    }

    /** [b, rest...] */
    static int[] prepend(int b, int[] rest) {
        int[] s = new int[rest.length + 1];
        s[0] = b;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }
}
