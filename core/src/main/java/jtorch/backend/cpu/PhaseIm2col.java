package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Im2col}'s gather and scatter for 2-d (and 1-d) plans of any stride, through a stride-phase split, zero-padded
 * copy of one sample's group of channels: with the padded input x̂[c, t, u] = x[c, t − ph, u − pw] (0 outside),
 * <pre>
 *   P[c, ψ, φ, I, J] = x̂[c, sh·I + ψ, sw·J + φ]      ψ &lt; sh, φ &lt; sw (the stride phases), I &lt; RI, J &lt; RJ
 *   col[(c·Kh + a)·Kw + e, oh·Ow + ow] = P[c, (a·dh) mod sh, (e·dw) mod sw, oh + ⌊a·dh / sh⌋, ow + ⌊e·dw / sw⌋]
 * </pre>
 * so every (column row, output row) segment of Ow positions is one unit-stride copy with no bounds checks, whatever
 * the stride, padding and dilation (im2col's strided gathers cost ~1.7 ns per element on DCGAN's 4×4 stride-2 layers,
 * these ~0.3). {@link #scatterAdd} is the adjoint: the segments added into P in {@link Im2col#scatterAdd}'s order, then
 * P written into the gradient, so the bits are the same as there. Vectors of at most 8 floats (segments are short);
 * a segment's last partial vector is stored whole: its extra lanes fall on later segments of the same sample's block
 * of the column row (written after it), or are blended with the values already there (scatterAdd adds zeros on
 * them); no masked loads or stores (their slow path near an array's end showed in profiles). Column buffers and P
 * need {@link #SLACK} floats beyond their end.
 */
final class PhaseIm2col {
    static final VectorSpecies<Float> S = Im2col.S;
    private static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S);

    private PhaseIm2col() {}

    /** {@code -Djtorch.conv.phase=false} turns this off (to compare with {@link Im2col}). */
    static final boolean ON = !"false".equals(System.getProperty("jtorch.conv.phase"));

    /** Plans this takes: no depth dimension (2-d or 1-d problems). */
    static boolean accepts(ConvPlan q) { return ON && q.kd == 1 && q.d == 1 && q.od == 1 && q.pd == 0; }

    static int ri(ConvPlan q) { return (q.h + 2 * q.ph + q.sth - 1) / q.sth; }

    static int rj(ConvPlan q) { return (q.w + 2 * q.pw + q.stw - 1) / q.stw; }

    /** Floats read or written past the end of a column buffer or P. */
    static final int SLACK = L;

    /** Floats of P for one sample's group of channels, with room for the last vector's over-read. */
    static int size(ConvPlan q) { return q.cg * q.sth * q.stw * ri(q) * rj(q) + SLACK; }

    /** P (at 0) from x: channel 0 of the group at {@code xb}, element strides from the plan. */
    static void split(ConvPlan q, float[] x, int xb, float[] p) {
        int ri = ri(q), rj = rj(q), plane = ri * rj, stw = q.stw, sth = q.sth, sw = q.sw, sh = q.sh, h = q.h, w = q.w;
        int[] j0 = new int[stw], j1 = new int[stw], iw0 = new int[stw];
        ranges(q, rj, j0, j1, iw0);
        java.util.Arrays.fill(p, 0, size(q), 0f);
        for (int c = 0; c < q.cg; c++) {
            int pc = c * sth * stw * plane, psi = q.ph % sth, row = q.ph / sth;
            for (int ih = 0, s = xb + c * q.sc; ih < h; ih++, s += sh) {
                int rowBase = pc + psi * stw * plane + row * rj;
                if (++psi == sth) { psi = 0; row++; }
                if (stw == 2 && sw == 1) { // the common strided case: both phases in one pass, no division
                    for (int iw = 0, u = q.pw; iw < w; iw++, u++) p[rowBase + (u & 1) * plane + (u >> 1)] = x[s + iw];
                    continue;
                }
                for (int f = 0; f < stw; f++) {
                    int d = rowBase + f * plane, hi = j1[f];
                    if (stw == 1 && sw == 1) System.arraycopy(x, s, p, d + j0[f], hi - j0[f]);
                    else for (int j = j0[f], si = s + iw0[f] * sw, step = stw * sw; j < hi; j++, si += step) p[d + j] = x[si];
                }
            }
        }
    }

    /** Per phase f: the J range [j0, j1) whose input column iw = stw·J + f − pw is in range, and iw at j0. */
    private static void ranges(ConvPlan q, int rj, int[] j0, int[] j1, int[] iw0) {
        for (int f = 0; f < q.stw; f++) {
            j0[f] = Math.max(0, ceilDiv(q.pw - f, q.stw));
            j1[f] = Math.max(j0[f], Math.min(rj, ceilDiv(q.w + q.pw - f, q.stw)));
            iw0[f] = q.stw * j0[f] + f - q.pw;
        }
    }

    /** col[r·ld + co + p − p0] for the tile's n positions (whole output rows from p0) from P. */
    static void gather(ConvPlan q, float[] p, float[] col, int co, int ld, int p0, int n) {
        int ow = q.ow, rows = n / ow, t0 = p0 / ow, ri = ri(q), rj = rj(q), plane = ri * rj;
        VectorMask<Float> tail = S.indexInRange((ow - 1) / L * L, ow); // lanes of the last vector
        int last = (ow - 1) / L * L;
        for (int c = 0, r = 0; c < q.cg; c++) for (int a = 0; a < q.kh; a++) for (int e = 0; e < q.kw; e++, r++) {
            int ah = a * q.dh, ew = e * q.dw;
            int src = c * q.sth * q.stw * plane + ((ah % q.sth) * q.stw + ew % q.stw) * plane + (t0 + ah / q.sth) * rj
                    + ew / q.stw;
            for (int t = 0, d = co + r * ld, end = d + rows * ow; t < rows; t++, d += ow, src += rj) {
                for (int i = 0; i < last; i += L) FloatVector.fromArray(S, p, src + i).intoArray(col, d + i);
                FloatVector v = FloatVector.fromArray(S, p, src + last);
                // the extra lanes: later segments of this block, or else the values already there
                if (d + last + L > end) v = FloatVector.fromArray(S, col, d + last).blend(v, tail);
                v.intoArray(col, d + last);
            }
        }
    }

    /** P (at 0, zeroed here) = Σ of the tile's column segments, in {@link Im2col#scatterAdd}'s order. */
    static void scatterAdd(ConvPlan q, float[] col, int co, int ld, int p0, int n, float[] p) {
        int ow = q.ow, rows = n / ow, t0 = p0 / ow, ri = ri(q), rj = rj(q), plane = ri * rj;
        java.util.Arrays.fill(p, 0, size(q), 0f);
        VectorMask<Float> tail = S.indexInRange((ow - 1) / L * L, ow);
        int last = (ow - 1) / L * L;
        for (int c = 0, r = 0; c < q.cg; c++) for (int a = 0; a < q.kh; a++) for (int e = 0; e < q.kw; e++, r++) {
            int ah = a * q.dh, ew = e * q.dw;
            int dst = c * q.sth * q.stw * plane + ((ah % q.sth) * q.stw + ew % q.stw) * plane + (t0 + ah / q.sth) * rj
                    + ew / q.stw;
            for (int t = 0, s = co + r * ld; t < rows; t++, s += ow, dst += rj) {
                for (int i = 0; i < last; i += L) {
                    FloatVector.fromArray(S, p, dst + i).add(FloatVector.fromArray(S, col, s + i)).intoArray(p, dst + i);
                }
                FloatVector.fromArray(S, p, dst + last).add(ZERO.blend(FloatVector.fromArray(S, col, s + last), tail))
                        .intoArray(p, dst + last); // the extra lanes add 0
            }
        }
    }

    /** g[c, ih, iw] (contiguous [C_in/G, H, W] at gb) += P's in-range values. */
    static void unsplitAdd(ConvPlan q, float[] p, float[] g, int gb) {
        int ri = ri(q), rj = rj(q), plane = ri * rj, stw = q.stw, sth = q.sth, h = q.h, w = q.w;
        int[] j0 = new int[stw], j1 = new int[stw], iw0 = new int[stw];
        ranges(q, rj, j0, j1, iw0);
        for (int c = 0; c < q.cg; c++) {
            int pc = c * sth * stw * plane, psi = q.ph % sth, row = q.ph / sth;
            for (int ih = 0, d = gb + c * h * w; ih < h; ih++, d += w) {
                int rowBase = pc + psi * stw * plane + row * rj;
                if (++psi == sth) { psi = 0; row++; }
                for (int f = 0; f < stw; f++) {
                    for (int j = j0[f], hi = j1[f], ps = rowBase + f * plane, di = d + iw0[f]; j < hi; j++, di += stw) {
                        g[di] += p[ps + j];
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }
}
