package jtorch.backend.cpu;

import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * Fast F32 matrix product: {@code C = alpha·A·B + beta·C}, A [m, k], B [k, n], C [m, n], any strides. When beta is 0
 * the old C is not read (NaN in C does not propagate).
 * <p>Dispatch: n = 1 or m = 1 → {@link SgemmGemv}; n ≤ 16 → {@link SgemmSkinny}; m ≤ 16 → {@link SgemmRowPanel}
 * when B and C rows are contiguous and B is small, else {@link SgemmSkinny} on the transposed problem Cᵀ = Bᵀ·Aᵀ;
 * otherwise the packed {@link SgemmBlocked} path, which wants unit-stride rows of C: a C with
 * unit-stride columns is computed as Cᵀ = Bᵀ·Aᵀ, any other C goes through a contiguous temporary.
 * Operands whose strides are unit along neither dimension are copied to contiguous first.
 */
public final class Sgemm {
    /** Results at most this wide use the skinny path. */
    static final int SKINNY = 16;
    /**
     * Short wide results with contiguous B and C rows use {@link SgemmRowPanel} while B (k·n floats) is small enough to
     * stay in L2 across its m/4 passes (measured, 1 thread: 10×1500×64 38 → 72 GFLOP/s; 16×3072×1500 loses).
     */
    static final long ROW_PANEL_MAX = 1 << 18;

    private Sgemm() {}

    /** C = alpha·A·B + beta·C for F32 heap tensors A [m, k], B [k, n], C [m, n] (shapes already checked). */
    public static void gemm(float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        int m = a.size(0), k = a.size(1), n = b.size(1);
        if (!unitStride(a)) a = a.contiguous();
        if (!unitStride(b)) b = b.contiguous();
        gemm(m, n, k, alpha, floats(a), a.offset(), a.stride(0), a.stride(1), floats(b), b.offset(), b.stride(0),
                b.stride(1), beta, floats(c), c.offset(), c.stride(0), c.stride(1));
    }

    /**
     * C = alpha·A·B + beta·C on arrays with element strides: A(i, p) = {@code a[aOff + i*asi + p*asp]}, B(p, j) =
     * {@code b[bOff + p*bsp + j*bsj]}, C(i, j) = {@code c[cOff + i*csi + j*csj]}. A and B must each have a unit stride
     * along one dimension (or size 1 there).
     */
    public static void gemm(int m, int n, int k, float alpha, float[] a, int aOff, int asi, int asp,
                            float[] b, int bOff, int bsp, int bsj, float beta, float[] c, int cOff, int csi, int csj) {
        if (m <= 0 || n <= 0) return;
        if (k == 1) asp = 1; else if (m == 1) asi = 1;
        if (n == 1) bsj = 1; else if (k == 1) bsp = 1;
        if (n == 1) csj = 1; else if (m == 1) csi = 1;
        if ((asi != 1 && asp != 1) || (bsp != 1 && bsj != 1)) throw new IllegalArgumentException(
                "sgemm: A strides (" + asi + ", " + asp + ") and B strides (" + bsp + ", " + bsj + ") need a unit stride each");
        if (k == 0 || alpha == 0) {
            scale(m, n, beta, c, cOff, csi, csj);
        } else if (n == 1) {
            SgemmGemv.gemv(m, k, alpha, a, aOff, asi, asp, b, bOff, bsp, beta, c, cOff, csi);
        } else if (m == 1) {
            SgemmGemv.gemv(n, k, alpha, b, bOff, bsj, bsp, a, aOff, asp, beta, c, cOff, csj);
        } else if (n <= SKINNY) {
            SgemmSkinny.gemm(m, n, k, alpha, a, aOff, asi, asp, b, bOff, bsp, bsj, beta, c, cOff, csi, csj);
        } else if (m <= SKINNY && bsj == 1 && csj == 1 && (long) k * n <= ROW_PANEL_MAX) {
            SgemmRowPanel.gemm(m, n, k, alpha, a, aOff, asi, asp, b, bOff, bsp, beta, c, cOff, csi);
        } else if (m <= SKINNY) {
            SgemmSkinny.gemm(n, m, k, alpha, b, bOff, bsj, bsp, a, aOff, asp, asi, beta, c, cOff, csj, csi);
        } else if (csj == 1) {
            blocked(m, n, k, alpha, a, aOff, asi, asp, b, bOff, bsp, bsj, beta, c, cOff, csi);
        } else if (csi == 1) {
            blocked(n, m, k, alpha, b, bOff, bsj, bsp, a, aOff, asp, asi, beta, c, cOff, csj);
        } else {
            float[] t = new float[m * n];
            if (beta != 0) copy(m, n, c, cOff, csi, csj, t, 0, n, 1);
            blocked(m, n, k, alpha, a, aOff, asi, asp, b, bOff, bsp, bsj, beta, t, 0, n);
            copy(m, n, t, 0, n, 1, c, cOff, csi, csj);
        }
    }

    /**
     * C1 = alpha·A·B1 + beta·C1, C2 = alpha·A·B2 + beta·C2 through {@link SgemmPair} when the shapes take the blocked
     * path (no side of 16 or less, n1 a multiple of NR, n1 + n2 ≤ NC), all are F32 heap tensors, A and both Bs have a
     * unit stride (the Bs the same one) and the Cs unit-stride rows; returns false (nothing done) otherwise.
     */
    public static boolean pair(float alpha, Tensor a, Tensor b1, Tensor b2, float beta, Tensor c1, Tensor c2) {
        if (!accepts(a, b1, c1) || !accepts(a, b2, c2)) return false;
        int m = a.size(0), k = a.size(1), n1 = b1.size(1), n2 = b2.size(1);
        if (m <= SKINNY || k <= SKINNY || n1 <= SKINNY || n2 <= SKINNY || n1 % SgemmBlocked.NR != 0
                || n1 + n2 > SgemmBlocked.NC || b1.size(0) != k || b2.size(0) != k || c1.size(0) != m || c2.size(0) != m
                || c1.size(1) != n1 || c2.size(1) != n2 || c1.stride(1) != 1 || c2.stride(1) != 1) return false;
        boolean ta = a.stride(0) == 1, tb = b1.stride(0) == 1;
        if (!ta && a.stride(1) != 1 || tb != (b2.stride(0) == 1) || !tb && (b1.stride(1) != 1 || b2.stride(1) != 1))
            return false;
        SgemmPair.gemm(ta, tb, m, n1, n2, k, alpha, floats(a), a.offset(), ta ? a.stride(1) : a.stride(0), floats(b1),
                b1.offset(), tb ? b1.stride(1) : b1.stride(0), floats(b2), b2.offset(), tb ? b2.stride(1) : b2.stride(0),
                beta, floats(c1), c1.offset(), c1.stride(0), floats(c2), c2.offset(), c2.stride(0));
        return true;
    }

    private static void blocked(int m, int n, int k, float alpha, float[] a, int aOff, int asi, int asp,
                                float[] b, int bOff, int bsp, int bsj, float beta, float[] c, int cOff, int ldc) {
        boolean ta = asp != 1, tb = bsj != 1;
        SgemmBlocked.gemm(ta, tb, m, n, k, alpha, a, aOff, ta ? asp : asi, b, bOff, tb ? bsj : bsp, beta, c, cOff, ldc);
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int csi, int csj) {
        for (int i = 0; i < m; i++) {
            for (int j = 0, o = cOff + i * csi; j < n; j++, o += csj) c[o] = beta == 0 ? 0f : beta * c[o];
        }
    }

    private static void copy(int m, int n, float[] src, int so, int ssi, int ssj, float[] dst, int d0, int dsi, int dsj) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) dst[d0 + i * dsi + j * dsj] = src[so + i * ssi + j * ssj];
        }
    }

    /** True when a 2-d tensor has unit stride along one dimension, counting size-1 dimensions as unit. */
    private static boolean unitStride(Tensor t) {
        return t.stride(0) == 1 || t.stride(1) == 1 || t.size(0) == 1 || t.size(1) == 1;
    }

    private static float[] floats(Tensor t) { return ((HeapStorage) t.storage()).floats(); }

    /** True when all three tensors are F32 on heap storage (the only case this class computes). */
    public static boolean accepts(Tensor a, Tensor b, Tensor c) {
        return f32(a) && f32(b) && f32(c);
    }

    private static boolean f32(Tensor t) { return t.dtype() == DType.F32 && t.storage() instanceof HeapStorage; }
}
