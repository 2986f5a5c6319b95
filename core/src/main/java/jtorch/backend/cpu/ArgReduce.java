package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * F32 max / min with (I32) indices along one dimension for {@link CpuBackend}: {@code values[..1..] = in[..k..]},
 * {@code indices[..1..] = k}, k the first index of the extreme element; a NaN counts as the extreme (the first NaN
 * wins), as the reference back end and PyTorch do.
 * <p>Contiguous lines: one vector pass finds the extreme value (NaN-propagating max/min), a second finds its first
 * position with vector compares. Strided lines whose kept innermost dimension is contiguous (argmax along dim 0 of
 * [R, C]) walk the rows in memory order, updating the C running extremes held in the outputs. Other layouts use the
 * scalar definition.
 */
final class ArgReduce {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ArgReduce() {}

    static void run(boolean max, Tensor values, Tensor indices, Tensor in, int dim) {
        int len = in.size(dim), rs = in.stride(dim);
        float[] v = Elementwise.f(values), x = Elementwise.f(in);
        int[] ix = ((HeapStorage) indices.storage()).ints();
        StridedLoop p = StridedLoop.of(values, indices, in.narrow(dim, 0, 1));
        int vs = p.innerStride(0), is = p.innerStride(1), xs = p.innerStride(2);
        int grain = Math.max(1, Elementwise.REDUCE_GRAIN / len);
        Parallel.range(p.numel, grain, (from, to) -> p.run(from, to, (v0, i0, x0, u3, n) -> {
            if (rs != 1 && xs == 1 && n >= L) { rows(max, v, v0, vs, ix, i0, is, x, x0, rs, len, n); return; }
            for (int i = 0; i < n; i++) {
                int k = rs == 1 ? contiguous(max, x, x0 + i * xs, len) : strided(max, x, x0 + i * xs, rs, len);
                v[v0 + i * vs] = x[x0 + i * xs + k * rs];
                ix[i0 + i * is] = k;
            }
        }));
    }

    /** First index of the max (min) of x[base .. base+len), a NaN winning. */
    static int contiguous(boolean max, float[] x, int base, int len) {
        float e = (float) ReduceKernels.extreme(x, base, len, max);
        FloatVector ev = FloatVector.broadcast(S, e);
        boolean nan = e != e;
        int j = 0;
        for (int n = S.loopBound(len); j < n; j += L) {
            FloatVector t = FloatVector.fromArray(S, x, base + j);
            VectorMask<Float> m = nan ? t.test(VectorOperators.IS_NAN) : t.compare(VectorOperators.EQ, ev);
            if (m.anyTrue()) return j + m.firstTrue();
        }
        for (; j < len; j++) {
            float c = x[base + j];
            if (nan ? c != c : c == e) return j;
        }
        return 0; // unreachable: e is an element of the line
    }

    /** The scalar definition: first index of the max (min) of x[base + j·stride], a NaN winning. */
    static int strided(boolean max, float[] x, int base, int stride, int len) {
        int best = 0;
        float bv = x[base];
        for (int j = 1; j < len && bv == bv; j++) {
            float c = x[base + j * stride];
            if (c != c || (max ? c > bv : c < bv)) { bv = c; best = j; }
        }
        return best;
    }

    /** Running extremes of n contiguous columns over len rows of stride rs, in memory order. */
    private static void rows(boolean max, float[] v, int v0, int vs, int[] ix, int i0, int is, float[] x, int x0, int rs,
                             int len, int n) {
        for (int j = 0; j < n; j++) { v[v0 + j * vs] = x[x0 + j]; ix[i0 + j * is] = 0; }
        for (int r = 1; r < len; r++) {
            int k = x0 + r * rs;
            for (int j = 0; j < n; j++) {
                float bv = v[v0 + j * vs], c = x[k + j];
                if (bv == bv && (c != c || (max ? c > bv : c < bv))) { v[v0 + j * vs] = c; ix[i0 + j * is] = r; }
            }
        }
    }
}
