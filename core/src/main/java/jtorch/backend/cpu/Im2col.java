package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Column matrices of one tile: for group-local input channel c and kernel offset (a, b, e), row
 * r = ((c·Kd + a)·Kh + b)·Kw + e, and for output position p in [p0, p0 + n), column p − p0:
 * {@code col[r·n + p − p0] = x[c, pd(p)·std − pd + a·dd, ph(p)·sth − ph + b·dh, pw(p)·stw − pw + e·dw]} (0 outside).
 * {@link #gather} fills it from the input; {@link #scatterAdd} adds it back into a gradient (the adjoint), in a fixed
 * order (row by row, position by position), so the result's bits do not depend on threads.
 * <p>Tiles start at an output row (p0 a multiple of Wo, see {@link ConvPlan}), so the work is whole segments of Wo
 * positions: per segment the in-range part [lo, hi) (the same for every segment of a row) is one strided copy — at unit
 * stride with vectors of at most 8 floats (output rows are short: 24 and 8 in LeNet) — and the rest zeros.
 */
final class Im2col {
    /** At most 256-bit vectors: segments are short, a 512-bit one would mostly be tail. */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() > 8 ? FloatVector.SPECIES_256
            : FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Im2col() {}

    /** col[CK, n] from x (base index {@code xb} of channel 0 of the group, strides from the plan). */
    static void gather(ConvPlan q, float[] x, int xb, float[] col, int p0, int n) { gather(q, x, xb, col, 0, n, p0, n); }

    /**
     * The same n columns into a wider column matrix: col[r·ld + co + p − p0] (one sample's block of a multi-sample tile,
     * {@link ConvPlan#spt}).
     */
    static void gather(ConvPlan q, float[] x, int xb, float[] col, int co, int ld, int p0, int n) {
        int ow = q.ow, rows = n / ow, t0 = p0 / ow, kw = q.kw, step = q.stw * q.sw;
        int[] lo = new int[kw], hi = new int[kw], shift = new int[kw];
        ranges(q, lo, hi, shift);
        for (int c = 0, r = 0; c < q.cg; c++) for (int a = 0; a < q.kd; a++) for (int b = 0; b < q.kh; b++, r += kw) {
            int zd = t0 / q.oh, zh = t0 % q.oh;
            for (int t = 0, k0 = co + r * ld; t < rows; t++, k0 += ow) {
                int id = zd * q.std - q.pd + a * q.dd, ih = zh * q.sth - q.ph + b * q.dh;
                if (++zh == q.oh) { zh = 0; zd++; }
                if (id < 0 || id >= q.d || ih < 0 || ih >= q.h) {
                    for (int e = 0; e < kw; e++) zero(col, k0 + e * ld, ow);
                    continue;
                }
                int s0 = xb + c * q.sc + id * q.sd + ih * q.sh;
                for (int e = 0, k = k0; e < kw; e++, k += ld) {
                    int l = lo[e], h = hi[e], s = s0 + shift[e] * q.sw;
                    if (l > 0) zero(col, k, l);
                    if (step == 1) {
                        int i = l;
                        for (; i <= h - L; i += L) FloatVector.fromArray(S, x, s + i).intoArray(col, k + i);
                        for (; i < h; i++) col[k + i] = x[s + i];
                    } else {
                        for (int i = l, si = s + l * step; i < h; i++, si += step) col[k + i] = x[si];
                    }
                    if (h < ow) zero(col, k + h, ow - h);
                }
            }
        }
    }

    /** Per kernel column e: iw = ow·stw + shift[e], in range for ow in [lo[e], hi[e]). */
    private static void ranges(ConvPlan q, int[] lo, int[] hi, int[] shift) {
        for (int e = 0; e < q.kw; e++) {
            shift[e] = e * q.dw - q.pw;
            lo[e] = Math.min(q.ow, Math.max(0, ceilDiv(-shift[e], q.stw)));
            hi[e] = Math.max(lo[e], Math.min(q.ow, Math.floorDiv(q.w - 1 - shift[e], q.stw) + 1));
        }
    }

    private static void zero(float[] a, int from, int len) {
        for (int i = from, e = from + len; i < e; i++) a[i] = 0f;
    }

    /**
     * g[c, i] += col[r, p − p0] for every in-range term of {@link #gather}; g is a contiguous [C_in/G, D, H, W] block at
     * {@code gb}.
     */
    static void scatterAdd(ConvPlan q, float[] col, int p0, int n, float[] g, int gb) { scatterAdd(q, col, 0, n, p0, n, g, gb); }

    /** {@link #scatterAdd} from one sample's block col[r·ld + co + p − p0] of a multi-sample tile. */
    static void scatterAdd(ConvPlan q, float[] col, int co, int ld, int p0, int n, float[] g, int gb) {
        int ow = q.ow, rows = n / ow, t0 = p0 / ow, kw = q.kw, hw = q.h * q.w, dhw = q.d * hw;
        int[] lo = new int[kw], hi = new int[kw], shift = new int[kw];
        ranges(q, lo, hi, shift);
        // row by row (e innermost of the row index, positions inside): a row's segments never overlap, so vector
        // read-modify-writes do not wait on the store just before them
        for (int c = 0, r = 0; c < q.cg; c++) for (int a = 0; a < q.kd; a++) for (int b = 0; b < q.kh; b++)
            for (int e = 0; e < kw; e++, r++) {
                int l = lo[e], h = hi[e], zd = t0 / q.oh, zh = t0 % q.oh;
                for (int t = 0, k = co + r * ld; t < rows; t++, k += ow) {
                    int id = zd * q.std - q.pd + a * q.dd, ih = zh * q.sth - q.ph + b * q.dh;
                    if (++zh == q.oh) { zh = 0; zd++; }
                    if (id < 0 || id >= q.d || ih < 0 || ih >= q.h) continue;
                    int s = gb + c * dhw + id * hw + ih * q.w + shift[e];
                    if (q.stw == 1) {
                        int i = l;
                        for (; i <= h - L; i += L) {
                            FloatVector.fromArray(S, g, s + i).add(FloatVector.fromArray(S, col, k + i)).intoArray(g, s + i);
                        }
                        for (; i < h; i++) g[s + i] += col[k + i];
                    } else {
                        for (int i = l, si = s + l * q.stw; i < h; i++, si += q.stw) g[si] += col[k + i];
                    }
                }
            }
    }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }
}
