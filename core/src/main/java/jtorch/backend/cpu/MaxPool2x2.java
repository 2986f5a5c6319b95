package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Branch-free max pooling for the most common geometry, 2×2 windows at stride 2 without padding (LeNet's and most
 * convnets' pooling), on rows that are contiguous in W: one output row of one plane at a time, L outputs per step.
 * The 2L inputs of a row pair are split into even and odd columns with a two-vector rearrange, and the four taps are
 * compared in the order of the scalar kernels (top-left, top-right, bottom-left, bottom-right; a later tap wins when it
 * is greater or NaN), so values and argmax indices equal {@link CpuPool}'s bit for bit. The scalar kernels spent most
 * of their time in mispredicted compare branches (about 15 ns per output on random data). Backward uses that the
 * windows do not overlap: every input position gets the gradient of its window when it holds the window's argmax and
 * 0 otherwise, written once (no zero fill, no scattered adds; 0 + g as the scalar kernel, so -0 becomes +0).
 */
final class MaxPool2x2 {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Even columns, odd columns (of two vectors), and the interleave of two vectors' lower and upper halves. */
    private static final VectorShuffle<Float> EVEN = shuffle(0, 2), ODD = shuffle(1, 2), LOW = interleave(0), HIGH = interleave(L / 2);
    private static final IntVector TWICE = IntVector.fromArray(I, iota(2), 0);

    private MaxPool2x2() {}

    private static int[] iota(int step) {
        int[] a = new int[L];
        for (int i = 0; i < L; i++) a[i] = i * step;
        return a;
    }

    /** Lane j takes lane first + step·j of the pair (this, other): indices at or over L select from the other. */
    private static VectorShuffle<Float> shuffle(int first, int step) {
        int[] a = new int[L];
        for (int j = 0; j < L; j++) a[j] = first + step * j;
        return VectorShuffle.fromArray(F, a, 0);
    }

    /** Lane j takes lane base + j/2 of this (j even) or of the other (j odd). */
    private static VectorShuffle<Float> interleave(int base) {
        int[] a = new int[L];
        for (int j = 0; j < L; j++) a[j] = base + j / 2 + (j % 2 == 1 ? L : 0);
        return VectorShuffle.fromArray(F, a, 0);
    }

    /**
     * One output row: y[y0 + j] = max of x[r0 + 2j], x[r0 + 2j + 1], x[r1 + 2j], x[r1 + 2j + 1] and ix[i0 + j] its flat
     * index (f0 + 2j, + 1, + W, + W + 1), for j in [0, n).
     */
    static void forwardRow(float[] x, int r0, int r1, int w, int f0, float[] y, int y0, int[] ix, int i0, int n) {
        for (int j = 0; j < n; j += L) {
            int m = Math.min(L, n - j), in = 2 * m, c = 2 * j;
            FloatVector t0, t1, b0, b1;
            if (Math.max(r0, r1) + c + 2 * L <= x.length) { // lanes past the row read its neighbours; their results are not stored
                t0 = FloatVector.fromArray(F, x, r0 + c); t1 = FloatVector.fromArray(F, x, r0 + c + L);
                b0 = FloatVector.fromArray(F, x, r1 + c); b1 = FloatVector.fromArray(F, x, r1 + c + L);
            } else {
                VectorMask<Float> lo = F.indexInRange(0, in), hi = F.indexInRange(L, in);
                t0 = FloatVector.fromArray(F, x, r0 + c, lo); t1 = FloatVector.fromArray(F, x, r0 + c + L, hi);
                b0 = FloatVector.fromArray(F, x, r1 + c, lo); b1 = FloatVector.fromArray(F, x, r1 + c + L, hi);
            }
            FloatVector best = t0.rearrange(EVEN, t1);
            IntVector at = TWICE.add(f0 + c);
            FloatVector v = t0.rearrange(ODD, t1);
            VectorMask<Float> win = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
            best = best.blend(v, win);
            at = at.blend(TWICE.add(f0 + c + 1), win.cast(I));
            v = b0.rearrange(EVEN, b1);
            win = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
            best = best.blend(v, win);
            at = at.blend(TWICE.add(f0 + c + w), win.cast(I));
            v = b0.rearrange(ODD, b1);
            win = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
            best = best.blend(v, win);
            at = at.blend(TWICE.add(f0 + c + w + 1), win.cast(I));
            VectorMask<Float> out = F.indexInRange(0, m);
            best.intoArray(y, y0 + j, out);
            at.intoArray(ix, i0 + j, out.cast(I));
        }
    }

    /** Rows of at most L/2 outputs (LeNet's second pooling: 4) go a whole plane at a time ({@link #forwardPlane}). */
    static boolean narrow(int ow) { return ow <= L / 2; }

    /**
     * Per output k of a plane of oh × ow outputs: 2·(k / ow)·rowStride + 2·(k % ow), the top-left input of its window
     * at that input row stride; padded with zeros to a whole number of vectors (gathers read full index vectors).
     */
    static int[] corners(int oh, int ow, int rowStride) {
        int n = oh * ow;
        int[] m = new int[(n + L - 1) / L * L];
        for (int k = 0; k < n; k++) m[k] = 2 * (k / ow) * rowStride + 2 * (k % ow);
        return m;
    }

    /**
     * One plane whose n outputs are contiguous: the same as {@link #forwardRow} per row, with the four taps gathered
     * through {@code at} ({@link #corners} at the input's row stride sh) and flat indices f0 + {@code flat[k]}
     * ({@link #corners} at row stride W).
     */
    static void forwardPlane(float[] x, int xb, int sh, int w, int[] at, int[] flat, int f0, float[] y, int y0, int[] ix,
                             int i0, int n) {
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = F.indexInRange(k, n);
            IntVector base = IntVector.fromArray(I, flat, k).add(f0);
            FloatVector best = FloatVector.fromArray(F, x, xb, at, k, m);
            IntVector arg = base;
            FloatVector v = FloatVector.fromArray(F, x, xb + 1, at, k, m);
            VectorMask<Float> win = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
            best = best.blend(v, win);
            arg = arg.blend(base.add(1), win.cast(I));
            v = FloatVector.fromArray(F, x, xb + sh, at, k, m);
            win = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
            best = best.blend(v, win);
            arg = arg.blend(base.add(w), win.cast(I));
            v = FloatVector.fromArray(F, x, xb + sh + 1, at, k, m);
            win = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
            best = best.blend(v, win);
            arg = arg.blend(base.add(w + 1), win.cast(I));
            best.intoArray(y, y0 + k, m);
            arg.intoArray(ix, i0 + k, m.cast(I));
        }
    }

    /** {@link #backwardRow} for a whole plane of n contiguous outputs, scattering through {@code at} (gi's row stride). */
    static void backwardPlane(float[] gy, int g0, int[] ix, int i0, int n, int w, int[] flat, int f0, float[] g, int gb,
                              int gs, int[] at) {
        FloatVector zero = FloatVector.zero(F);
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = F.indexInRange(k, n);
            FloatVector v = zero.add(FloatVector.fromArray(F, gy, g0 + k, m));
            IntVector arg = IntVector.fromArray(I, ix, i0 + k, m.cast(I)), pos = IntVector.fromArray(I, flat, k).add(f0);
            zero.blend(v, arg.compare(VectorOperators.EQ, pos).cast(F)).intoArray(g, gb, at, k, m);
            zero.blend(v, arg.compare(VectorOperators.EQ, pos.add(1)).cast(F)).intoArray(g, gb + 1, at, k, m);
            zero.blend(v, arg.compare(VectorOperators.EQ, pos.add(w)).cast(F)).intoArray(g, gb + gs, at, k, m);
            zero.blend(v, arg.compare(VectorOperators.EQ, pos.add(w + 1)).cast(F)).intoArray(g, gb + gs + 1, at, k, m);
        }
    }

    /**
     * One output row backward: for j in [0, n) and its window's four positions (flat f0 + 2j + {0, 1, W, W + 1}, at
     * r0 + 2j + {0, 1} and r1 + 2j + {0, 1} in g), g = 0 + gy[g0 + j] where ix[i0 + j] names that position, else 0.
     */
    static void backwardRow(float[] gy, int g0, int[] ix, int i0, int n, int w, int f0, float[] g, int r0, int r1) {
        FloatVector zero = FloatVector.zero(F);
        for (int j = 0; j < n; j += L) {
            int m = Math.min(L, n - j), c = 2 * j, len = 2 * m;
            boolean whole = g0 + j + L <= gy.length && i0 + j + L <= ix.length; // lanes past m are never stored
            VectorMask<Float> in = F.indexInRange(0, m);
            FloatVector v = zero.add(whole ? FloatVector.fromArray(F, gy, g0 + j) : FloatVector.fromArray(F, gy, g0 + j, in));
            IntVector at = whole ? IntVector.fromArray(I, ix, i0 + j) : IntVector.fromArray(I, ix, i0 + j, in.cast(I));
            IntVector pos = TWICE.add(f0 + c);
            FloatVector a = zero.blend(v, at.compare(VectorOperators.EQ, pos).cast(F));
            FloatVector b = zero.blend(v, at.compare(VectorOperators.EQ, pos.add(1)).cast(F));
            FloatVector e = zero.blend(v, at.compare(VectorOperators.EQ, pos.add(w)).cast(F));
            FloatVector h = zero.blend(v, at.compare(VectorOperators.EQ, pos.add(w + 1)).cast(F));
            VectorMask<Float> lo = F.indexInRange(0, len), hi = F.indexInRange(L, len);
            a.rearrange(LOW, b).intoArray(g, r0 + c, lo);
            a.rearrange(HIGH, b).intoArray(g, r0 + c + L, hi);
            e.rearrange(LOW, h).intoArray(g, r1 + c, lo);
            e.rearrange(HIGH, h).intoArray(g, r1 + c + L, hi);
        }
    }
}
