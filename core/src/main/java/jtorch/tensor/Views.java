package jtorch.tensor;

import java.util.Arrays;

/** View constructors behind {@link Tensor}: new sizes/strides over the same storage, never a copy. */
final class Views {
    private Views() {}

    static int[] inferSize(String op, int[] sizes, int[] newSizes) {
        int n = Shape.numel(sizes), known = 1, infer = -1;
        int[] s = newSizes.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException(op + ": only one size may be -1, got " + Arrays.toString(newSizes));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size in " + Arrays.toString(newSizes));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || n % known != 0) throw new IllegalArgumentException(op + ": cannot infer -1 in "
                    + Arrays.toString(newSizes) + " for shape " + Arrays.toString(sizes));
            s[infer] = n / known;
        }
        if (Shape.numel(s) != n) throw new IllegalArgumentException(op + ": shape " + Arrays.toString(newSizes)
                + " is invalid for a tensor of shape " + Arrays.toString(sizes) + " (" + n + " elements)");
        return s;
    }

    static Tensor narrow(Tensor t, int dim, int start, int length) {
        Tensor.checkDim("narrow", dim, t.sizes.length);
        if (start < 0 || length < 0 || start + length > t.sizes[dim]) throw new IllegalArgumentException("narrow: range ["
                + start + ", " + (start + length) + ") out of bounds for dimension " + dim + " of shape " + Arrays.toString(t.sizes));
        int[] s = t.sizes.clone();
        s[dim] = length;
        return new Tensor(t.backend, t.storage, t.offset + start * t.strides[dim], s, t.strides.clone());
    }

    static Tensor select(Tensor t, int dim, int index) {
        Tensor.checkDim("select", dim, t.sizes.length);
        if (index < 0 || index >= t.sizes[dim]) throw new IllegalArgumentException("select: index " + index
                + " out of bounds for dimension " + dim + " of shape " + Arrays.toString(t.sizes));
        return new Tensor(t.backend, t.storage, t.offset + index * t.strides[dim], drop(t.sizes, dim), drop(t.strides, dim));
    }

    static Tensor transpose(Tensor t, int d0, int d1) {
        Tensor.checkDim("transpose", d0, t.sizes.length);
        Tensor.checkDim("transpose", d1, t.sizes.length);
        int[] s = t.sizes.clone(), st = t.strides.clone();
        s[d0] = t.sizes[d1]; s[d1] = t.sizes[d0];
        st[d0] = t.strides[d1]; st[d1] = t.strides[d0];
        return new Tensor(t.backend, t.storage, t.offset, s, st);
    }

    static Tensor permute(Tensor t, int[] order) {
        int n = t.sizes.length;
        boolean[] seen = new boolean[n];
        if (order.length != n) throw new IllegalArgumentException("permute: order " + Arrays.toString(order)
                + " does not match a " + n + "-d tensor");
        int[] s = new int[n], st = new int[n];
        for (int i = 0; i < n; i++) {
            int d = order[i];
            if (d < 0 || d >= n || seen[d]) throw new IllegalArgumentException("permute: " + Arrays.toString(order)
                    + " is not a permutation of 0.." + (n - 1));
            seen[d] = true;
            s[i] = t.sizes[d]; st[i] = t.strides[d];
        }
        return new Tensor(t.backend, t.storage, t.offset, s, st);
    }

    static Tensor expand(Tensor t, int[] newSizes) {
        int n = newSizes.length, lead = n - t.sizes.length;
        if (lead < 0) throw new IllegalArgumentException("expand: cannot expand shape " + Arrays.toString(t.sizes)
                + " to fewer dimensions " + Arrays.toString(newSizes));
        int[] s = new int[n], st = new int[n];
        for (int i = 0; i < n; i++) {
            int want = newSizes[i];
            if (i < lead) {
                if (want < 0) throw new IllegalArgumentException("expand: -1 not allowed for new leading dimension in " + Arrays.toString(newSizes));
                s[i] = want; st[i] = 0;
                continue;
            }
            int have = t.sizes[i - lead];
            if (want == -1 || want == have) { s[i] = have; st[i] = t.strides[i - lead]; }
            else if (have == 1 && want >= 0) { s[i] = want; st[i] = 0; }
            else throw new IllegalArgumentException("expand: shape " + Arrays.toString(t.sizes) + " cannot be expanded to "
                    + Arrays.toString(newSizes) + " (only size-1 dimensions expand)");
        }
        return new Tensor(t.backend, t.storage, t.offset, s, st);
    }

    static Tensor unsqueeze(Tensor t, int dim) {
        int n = t.sizes.length;
        if (dim < 0 || dim > n) throw new IllegalArgumentException("unsqueeze: dimension " + dim
                + " out of range for a " + n + "-d tensor (0.." + n + ")");
        int[] s = new int[n + 1], st = new int[n + 1];
        for (int i = 0, j = 0; i <= n; i++) {
            if (i == dim) { s[i] = 1; st[i] = dim < n ? t.strides[dim] * t.sizes[dim] : 1; }
            else { s[i] = t.sizes[j]; st[i] = t.strides[j]; j++; }
        }
        return new Tensor(t.backend, t.storage, t.offset, s, st);
    }

    /** dim = -1: all size-1 dimensions. */
    static Tensor squeeze(Tensor t, int dim) {
        int keep = 0;
        for (int i = 0; i < t.sizes.length; i++) if (!(t.sizes[i] == 1 && (dim < 0 || dim == i))) keep++;
        int[] s = new int[keep], st = new int[keep];
        for (int i = 0, j = 0; i < t.sizes.length; i++) {
            if (t.sizes[i] == 1 && (dim < 0 || dim == i)) continue;
            s[j] = t.sizes[i]; st[j] = t.strides[i]; j++;
        }
        return new Tensor(t.backend, t.storage, t.offset, s, st);
    }

    static int[] drop(int[] a, int k) {
        int[] r = new int[a.length - 1];
        for (int i = 0, j = 0; i < a.length; i++) if (i != k) r[j++] = a[i];
        return r;
    }
}
