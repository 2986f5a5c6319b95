package jtorch.nn.spatial;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * The shared body of the padding modules: the last 1, 2 or 3 dimensions of [B, C, L], [B, C, H, W] or
 * [B, C, D, H, W] grow by (before, after) positions each. Output position o of a dimension of size L reads input
 * position q = o - before: {@link Mode#ZERO} gives 0 outside [0, L) (negative padding crops, as Torch7),
 * {@link Mode#REFLECTION} mirrors without repeating the edge (q &lt; 0 → -q, q ≥ L → 2(L-1) - q; padding must be
 * smaller than L), {@link Mode#REPLICATION} repeats the edge (q clamped to [0, L-1]). Backward: each input position
 * receives the sum of the gradients of the output positions that read it.
 */
public abstract class Padding extends Module implements TensorModule {
    /** How positions outside the input are filled. */
    public enum Mode { ZERO, REFLECTION, REPLICATION }

    private final String type;
    final int dims;
    final Mode mode;
    final int[] before, after; // per padded dimension, in tensor order
    private Tensor[] index; // per padded dimension, I32 source positions (REFLECTION, REPLICATION)
    private int[] indexFor;

    Padding(String type, int dims, Mode mode, int[] before, int[] after) {
        this.type = type;
        this.dims = dims;
        this.mode = mode;
        this.before = before.clone();
        this.after = after.clone();
        for (int d = 0; d < dims; d++) if (mode != Mode.ZERO && (before[d] < 0 || after[d] < 0)) throw new IllegalArgumentException(
                type + ": padding must be >= 0, got " + Arrays.toString(before) + " / " + Arrays.toString(after));
    }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != dims + 2) throw new IllegalArgumentException(name() + ": expected input "
                + switch (dims) { case 1 -> "[B, C, L]"; case 2 -> "[B, C, H, W]"; default -> "[B, C, D, H, W]"; }
                + ", got " + x.shape());
        for (int d = 0; d < dims; d++) {
            int len = x.size(2 + d), out = len + before[d] + after[d];
            if (out < 1) throw new IllegalArgumentException(name() + ": input " + x.shape() + " is cropped to nothing");
            if (mode == Mode.REFLECTION && (before[d] >= len || after[d] >= len)) throw new IllegalArgumentException(name()
                    + ": reflection padding must be smaller than the input size, got input " + x.shape());
        }
        return x;
    }

    private int[] outSizes(Tensor x) {
        int[] s = x.sizes();
        for (int d = 0; d < dims; d++) s[2 + d] += before[d] + after[d];
        return s;
    }

    /** Source position of output o, for input size len. */
    private int source(int o, int len, int d) {
        int q = o - before[d];
        if (mode == Mode.REPLICATION) return Math.max(0, Math.min(len - 1, q));
        if (q < 0) return -q;
        return q >= len ? 2 * (len - 1) - q : q;
    }

    private Tensor[] indices(Tensor x) {
        if (index == null || !Arrays.equals(indexFor, x.sizes()) || index[0].backend() != x.backend()) {
            index = new Tensor[dims];
            for (int d = 0; d < dims; d++) {
                int len = x.size(2 + d), n = len + before[d] + after[d];
                int[] src = new int[n];
                for (int o = 0; o < n; o++) src[o] = source(o, len, d);
                index[d] = Tensor.of(src, n).to(x.backend());
            }
            indexFor = x.sizes();
        }
        return index;
    }

    /** The region of the output (inside = false) or input (true) that zero padding copies. */
    private Tensor region(Tensor t, boolean input, Tensor x) {
        for (int d = 0; d < dims; d++) {
            int len = x.size(2 + d), cropB = Math.max(0, -before[d]), cropA = Math.max(0, -after[d]);
            int n = len - cropB - cropA;
            t = t.narrow(2 + d, input ? cropB : Math.max(0, before[d]), n);
        }
        return t;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        Tensor y = reuse(output, x, outSizes(x));
        if (mode == Mode.ZERO) {
            y.fillInPlace(0);
            region(y, false, x).copy(region(x, true, x));
            return y;
        }
        Tensor t = x;
        Tensor[] idx = indices(x);
        for (int d = 0; d < dims; d++) t = t.indexSelect(2 + d, idx[d]);
        return y.copy(t);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (!Arrays.equals(g.sizes(), outSizes(x))) throw new IllegalArgumentException(name() + ": gradOutput has shape "
                + g.shape() + ", expected " + Arrays.toString(outSizes(x)));
        Tensor gi = reuse(gradInput, x, x.sizes());
        if (mode == Mode.ZERO) {
            gi.fillInPlace(0);
            region(gi, true, x).copy(region(g, false, x));
            return gi;
        }
        Tensor[] idx = indices(x);
        Tensor t = g;
        for (int d = dims - 1; d >= 0; d--) {
            int[] s = t.sizes();
            s[2 + d] = x.size(2 + d);
            int[] shape = new int[t.dim()];
            Arrays.fill(shape, 1);
            shape[2 + d] = idx[d].size(0);
            Tensor full = idx[d].view(shape).expand(t.sizes()).contiguous();
            t = t.newZeros(s).scatterAddInPlace(2 + d, full, t);
        }
        return gi.copy(t);
    }

    @Override protected void clearOwnState() { index = null; indexFor = null; }

    @Override public String name() {
        String[] names = switch (dims) {
            case 1 -> new String[] {"l", "r"};
            case 2 -> new String[] {"l", "r", "t", "b"};
            default -> new String[] {"left", "right", "top", "bottom", "front", "back"};
        };
        // Torch7 order: W (left, right), then H (top, bottom), then D (front, back)
        StringBuilder sb = new StringBuilder(type).append("(");
        for (int k = 0; k < dims; k++) {
            int d = dims - 1 - k;
            sb.append(k == 0 ? "" : ", ").append(names[2 * k]).append("=").append(before[d]).append(", ")
                    .append(names[2 * k + 1]).append("=").append(after[d]);
        }
        return sb.append(")").toString();
    }

}
