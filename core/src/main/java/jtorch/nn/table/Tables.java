package jtorch.nn.table;

import java.util.Arrays;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/** Checks and buffer reuse shared by the table modules. */
final class Tables {
    private Tables() {}

    /** The entries of a table input, all tensors; {@code min}..{@code max} entries (max -1: no limit). */
    static Tensor[] tensors(String module, Activity input, int min, int max) {
        Table t = input.toTable(module);
        int n = t.size();
        if (n < min || (max >= 0 && n > max)) throw new IllegalArgumentException(module + ": expected a table of "
                + (min == max ? String.valueOf(min) : max < 0 ? "at least " + min : min + " to " + max) + " tensors, got " + n
                + " entries");
        Tensor[] xs = new Tensor[n];
        for (int i = 0; i < n; i++) {
            if (!(t.get(i) instanceof Tensor x)) throw new IllegalArgumentException(module + ": table entry " + i
                    + " is a table, expected a tensor");
            xs[i] = x;
        }
        return xs;
    }

    /** Throws naming the module and every entry's shape unless all entries have the same shape and dtype. */
    static void sameShapes(String module, Tensor[] xs) {
        for (int i = 1; i < xs.length; i++) {
            if (!xs[i].sameShape(xs[0]) || xs[i].dtype() != xs[0].dtype()) throw new IllegalArgumentException(module
                    + ": table entries must have one shape and dtype, got " + describe(xs));
        }
    }

    static String describe(Tensor[] xs) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < xs.length; i++) sb.append(i == 0 ? "" : ", ").append(xs[i].dtype()).append(' ').append(xs[i].shape());
        return sb.append('}').toString();
    }

    /** gradOutput as a tensor of exactly {@code ref}'s shape. */
    static Tensor gradLike(String module, Activity gradOutput, Tensor ref) {
        if (ref == null) throw new IllegalStateException(module + ": backward needs a forward first");
        Tensor g = gradOutput.toTensor(module + " gradOutput");
        if (!g.sameShape(ref)) throw new IllegalArgumentException(module + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + ref.shape());
        return g;
    }

    /** {@code buf} when it is a table, else a new one, holding exactly n entries (old entries kept for reuse). */
    static Table table(Activity buf, int n) {
        Table t = buf instanceof Table b ? b : Table.of();
        t.truncate(n);
        while (t.size() < n) t.set(t.size(), Tensor.zeros(0));
        return t;
    }

    /** Entry i of a reused table as a buffer of like's shape, dtype and back end (contents unspecified). */
    static Tensor slot(Table t, int i, Tensor like) {
        Activity old = t.get(i);
        Tensor b = old instanceof Tensor o && o.dtype() == like.dtype() && o.backend() == like.backend()
                && Arrays.equals(o.sizes(), like.sizes()) ? o : like.newZeros(like.sizes());
        t.set(i, b);
        return b;
    }

    /** An activity shaped like {@code like} (tensors and nested tables), reusing {@code buf} where it fits, all zeros. */
    static Activity zerosLike(Activity buf, Activity like) {
        if (like instanceof Tensor l) {
            return buf instanceof Tensor b && b.dtype() == l.dtype() && b.backend() == l.backend() && b.sameShape(l)
                    ? b.fillInPlace(0) : l.newZeros(l.sizes());
        }
        Table lt = (Table) like, t = table(buf instanceof Table b ? b : null, lt.size());
        for (int i = 0; i < lt.size(); i++) t.set(i, zerosLike(t.get(i), lt.get(i)));
        return t;
    }

    /** A copy of {@code src} (which must have the structure and shapes of {@code like}), reusing {@code buf}. */
    static Activity copyLike(String module, Activity buf, Activity src, Activity like) {
        if (like instanceof Tensor l) {
            Tensor s = src.toTensor(module + " gradOutput");
            if (!s.sameShape(l)) throw new IllegalArgumentException(module + ": gradOutput has shape " + s.shape()
                    + ", expected " + l.shape());
            Tensor b = buf instanceof Tensor t && t.dtype() == l.dtype() && t.backend() == l.backend() && t.sameShape(l)
                    ? t : l.newZeros(l.sizes());
            return b.copy(s);
        }
        Table lt = (Table) like, st = src.toTable(module + " gradOutput");
        if (st.size() != lt.size()) throw new IllegalArgumentException(module + ": gradOutput is a table of " + st.size()
                + " entries, expected " + lt.size());
        Table t = table(buf instanceof Table b ? b : null, lt.size());
        for (int i = 0; i < lt.size(); i++) t.set(i, copyLike(module, t.get(i), st.get(i), lt.get(i)));
        return t;
    }

    /** Dimension {@code dim} of a rank-{@code rank} tensor, negative counting from the end. */
    static int dim(String module, int dim, int rank, Tensor x) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) throw new IllegalArgumentException(module + ": dimension " + dim + " out of range for shape "
                + x.shape());
        return d;
    }
}
