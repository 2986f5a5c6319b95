package jtorch.nn.criterion;

import jtorch.backend.UnaryOp;
import jtorch.tensor.DType;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/** Target and table checks shared by the criteria; every message names the criterion. */
final class Targets {
    private Targets() {}

    /**
     * Class indices from a target [B] (I32, or integral floats) for an input [B, C], through the back end's
     * {@link jtorch.backend.Backend#classTargets} (one pass): each must be an integer in 0..C-1 or equal
     * {@code ignoreIndex}. Returns the indices as I32 [B, 1] (ignored samples point at class 0) and a mask [B] in the
     * input's dtype, 1 for kept samples and 0 for ignored ones.
     */
    static ClassIndex classes(String who, Tensor input, Activity target, int ignoreIndex) {
        return classes(who, input, target, ignoreIndex, new Scratch());
    }

    /** As {@link #classes(String, Tensor, Activity, int)}, reusing the [B] buffers of {@code s} (a criterion keeps
     * one, so that a training step allocates nothing proportional to the batch); the result lives in {@code s}. */
    static ClassIndex classes(String who, Tensor input, Activity target, int ignoreIndex, Scratch s) {
        if (input.dim() != 2) throw new IllegalArgumentException(who + ": expected input [B, C], got " + input.shape());
        Tensor t = target.toTensor(who + " target");
        int b = input.size(0), c = input.size(1);
        if (t.dim() != 1 || t.size(0) != b) throw new IllegalArgumentException(who + ": expected target [" + b
                + "] of class indices for input " + input.shape() + ", got " + t.shape());
        s.fit(input, b);
        Tensor tb = t.to(input.backend());
        int bad = input.backend().classTargets(tb, c, ignoreIndex, s.index.view(b), s.keep);
        if (bad >= 0) {
            double v = tb.narrow(0, bad, 1).toDoubleArray()[0]; // error path only
            if (v != Math.rint(v)) throw new IllegalArgumentException(who + ": target " + bad + " is " + v
                    + ", not a class index (an integer in 0.." + (c - 1) + ")");
            throw new IllegalArgumentException(who + ": target " + bad + " is class " + (long) v + ", outside 0.."
                    + (c - 1) + " for input " + input.shape());
        }
        return s.result;
    }

    /** The [B] buffers of {@link #classes(String, Tensor, Activity, int, Scratch)}, re-made when B, the dtype or the
     * back end change. */
    static final class Scratch {
        private Tensor keep, index;
        private ClassIndex result;

        private void fit(Tensor input, int b) {
            if (keep != null && keep.size(0) == b && keep.dtype() == input.dtype() && keep.backend() == input.backend()) return;
            keep = Tensor.zeros(input.backend(), input.dtype(), b);
            index = Tensor.zeros(input.backend(), DType.I32, b, 1);
            result = new ClassIndex(index, keep);
        }
    }

    record ClassIndex(Tensor index, Tensor keep) {}

    /**
     * Checks every element of {@code y} is exactly 1 or -1 (so no NaN), using {@code scratch} (same shape and kind as y,
     * or null) as a work buffer; returns the work buffer for reuse.
     */
    static Tensor signs(String who, Tensor y, Tensor scratch) {
        Tensor s = scratch != null && scratch.sameShape(y) && scratch.dtype() == y.dtype() && scratch.backend() == y.backend()
                ? scratch : y.zerosLike();
        if (y.numel() == 0 || y.apply(UnaryOp.ABS, 0, 0, s).applyInPlace(UnaryOp.NE, 1, 0).sum() == 0) return s;
        double[] v = y.toDoubleArray();
        for (int i = 0; i < v.length; i++) if (v[i] != 1 && v[i] != -1) throw new IllegalArgumentException(who
                + ": target " + y.shape() + " must hold only 1 or -1, got " + v[i] + " at flat position " + i);
        return s;
    }

    /** The table input {x1, x2} of two tensors of the same shape, which must have {@code dims} dimensions. */
    static Tensor[] pair(String who, Activity input, int dims, String expected) {
        Table t = input.toTable(who + " input");
        if (t.size() != 2) throw new IllegalArgumentException(who + ": expected a table {x1, x2} of two tensors "
                + expected + ", got a table of " + t.size() + " entries");
        Tensor x1 = t.get(0).toTensor(who + " x1"), x2 = t.get(1).toTensor(who + " x2");
        if (x1.dim() != dims || !x1.sameShape(x2)) throw new IllegalArgumentException(who + ": expected x1 and x2 both "
                + expected + ", got " + x1.shape() + " and " + x2.shape());
        if (x1.dtype() != x2.dtype() || x1.backend() != x2.backend()) throw new IllegalArgumentException(who
                + ": x1 and x2 differ in dtype or back end (" + x1.dtype() + ", " + x2.dtype() + ")");
        return new Tensor[] {x1, x2};
    }

    /** A target [B] of ±1 for a batch of B, converted to the input's back end and dtype. */
    static Tensor batchSigns(String who, Activity target, Tensor like) {
        Tensor y = target.toTensor(who + " target");
        int b = like.size(0);
        if (y.dim() != 1 || y.size(0) != b) throw new IllegalArgumentException(who + ": expected target [" + b
                + "] of 1 or -1 for inputs " + like.shape() + ", got " + y.shape());
        return y.to(like.backend()).to(like.dtype());
    }
}
