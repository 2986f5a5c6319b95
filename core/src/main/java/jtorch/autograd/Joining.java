package jtorch.autograd;

import java.util.Arrays;
import jtorch.tensor.Tensor;

/**
 * Concatenation along an existing dimension ({@code cat}) or a new one ({@code stack}), and their gradients: each
 * operand gets its slice of g = ∂L/∂y ({@code narrow} for cat, {@code select} for stack).
 */
final class Joining {
    private Joining() {}

    static Var cat(int dim, Var... xs) {
        if (xs.length == 0) throw new IllegalArgumentException("cat: no values to concatenate");
        Tensor first = xs[0].value;
        if (dim < 0 || dim >= first.dim()) throw new IllegalArgumentException("cat: dimension " + dim
                + " out of range for a value of shape " + first.shape());
        int[] s = first.sizes();
        int total = 0;
        for (Var x : xs) {
            int[] t = x.value.sizes();
            t[dim] = s[dim];
            if (!Arrays.equals(t, s)) throw new IllegalArgumentException("cat along " + dim + ": shapes "
                    + first.shape() + " and " + x.value.shape() + " differ outside that dimension");
            total += x.value.size(dim);
        }
        s[dim] = total;
        Tensor y = first.newZeros(s);
        int[] starts = new int[xs.length];
        for (int i = 0, off = 0; i < xs.length; off += xs[i].value.size(dim), i++) {
            starts[i] = off;
            y.narrow(dim, off, xs[i].value.size(dim)).copy(xs[i].value);
        }
        return Var.make("cat", y, g -> {
            Tensor[] out = new Tensor[xs.length];
            for (int i = 0; i < xs.length; i++) if (xs[i].requiresGrad()) out[i] = g.narrow(dim, starts[i], xs[i].value.size(dim));
            return out;
        }, xs);
    }

    static Var stack(int dim, Var... xs) {
        if (xs.length == 0) throw new IllegalArgumentException("stack: no values to stack");
        Tensor first = xs[0].value;
        if (dim < 0 || dim > first.dim()) throw new IllegalArgumentException("stack: dimension " + dim
                + " out of range 0.." + first.dim() + " for values of shape " + first.shape());
        int[] s = new int[first.dim() + 1];
        for (int d = 0, j = 0; d < s.length; d++) s[d] = d == dim ? xs.length : first.size(j++);
        Tensor y = first.newZeros(s);
        for (int i = 0; i < xs.length; i++) {
            if (!xs[i].value.sameShape(first)) throw new IllegalArgumentException("stack: shapes " + first.shape()
                    + " and " + xs[i].value.shape() + " differ");
            y.select(dim, i).copy(xs[i].value);
        }
        return Var.make("stack", y, g -> {
            Tensor[] out = new Tensor[xs.length];
            for (int i = 0; i < xs.length; i++) if (xs[i].requiresGrad()) out[i] = g.select(dim, i);
            return out;
        }, xs);
    }
}
