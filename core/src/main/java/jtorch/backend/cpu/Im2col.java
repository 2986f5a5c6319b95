package jtorch.backend.cpu;

/**
 * Column matrices of one tile: for group-local input channel c and kernel offset (a, b, e), row
 * r = ((c·Kd + a)·Kh + b)·Kw + e, and for output position p in [p0, p0 + n), column p − p0:
 * {@code col[r·n + p − p0] = x[c, pd(p)·std − pd + a·dd, ph(p)·sth − ph + b·dh, pw(p)·stw − pw + e·dw]} (0 outside).
 * {@link #gather} fills it from the input; {@link #scatterAdd} adds it back into a gradient (the adjoint), in a fixed
 * order (row by row, position by position), so the result's bits do not depend on threads.
 */
final class Im2col {
    private Im2col() {}

    /** col[CK, n] from x (base index {@code xb} of channel 0 of the group, strides from the plan). */
    static void gather(ConvPlan q, float[] x, int xb, float[] col, int p0, int n) {
        int r = 0;
        for (int c = 0; c < q.cg; c++) for (int a = 0; a < q.kd; a++) for (int b = 0; b < q.kh; b++)
            for (int e = 0; e < q.kw; e++, r++) {
                int shift = e * q.dw - q.pw;              // iw = ow·stw + shift
                int lo = Math.max(0, ceilDiv(-shift, q.stw)), hi = Math.min(q.ow, Math.floorDiv(q.w - 1 - shift, q.stw) + 1);
                int zd = p0 / (q.oh * q.ow), zh = (p0 / q.ow) % q.oh, zw = p0 % q.ow;
                for (int k = r * n, end = k + n; k < end; ) {
                    int len = Math.min(q.ow - zw, end - k);
                    int id = zd * q.std - q.pd + a * q.dd, ih = zh * q.sth - q.ph + b * q.dh;
                    if (id < 0 || id >= q.d || ih < 0 || ih >= q.h || lo >= hi) {
                        for (int i = 0; i < len; i++) col[k + i] = 0f;
                    } else {
                        int base = xb + c * q.sc + id * q.sd + ih * q.sh + shift * q.sw, step = q.stw * q.sw;
                        int from = Math.min(Math.max(zw, lo), zw + len), to = Math.max(Math.min(zw + len, hi), from), i = zw;
                        for (; i < from; i++) col[k + i - zw] = 0f;
                        if (step == 1) {
                            if (to > from) System.arraycopy(x, base + from, col, k + from - zw, to - from);
                            i = Math.max(i, to);
                        } else {
                            for (int s = base + i * step; i < to; i++, s += step) col[k + i - zw] = x[s];
                        }
                        for (; i < zw + len; i++) col[k + i - zw] = 0f;
                    }
                    k += len;
                    zw = 0;
                    if (++zh == q.oh) { zh = 0; zd++; }
                }
            }
    }

    /**
     * g[c, i] += col[r, p − p0] for every in-range term of {@link #gather}; g is a contiguous [C_in/G, D, H, W] block at
     * {@code gb}.
     */
    static void scatterAdd(ConvPlan q, float[] col, int p0, int n, float[] g, int gb) {
        int r = 0, hw = q.h * q.w, dhw = q.d * hw;
        for (int c = 0; c < q.cg; c++) for (int a = 0; a < q.kd; a++) for (int b = 0; b < q.kh; b++)
            for (int e = 0; e < q.kw; e++, r++) {
                int shift = e * q.dw - q.pw;
                int lo = Math.max(0, ceilDiv(-shift, q.stw)), hi = Math.min(q.ow, Math.floorDiv(q.w - 1 - shift, q.stw) + 1);
                int zd = p0 / (q.oh * q.ow), zh = (p0 / q.ow) % q.oh, zw = p0 % q.ow;
                for (int k = r * n, end = k + n; k < end; ) {
                    int len = Math.min(q.ow - zw, end - k);
                    int id = zd * q.std - q.pd + a * q.dd, ih = zh * q.sth - q.ph + b * q.dh;
                    if (id >= 0 && id < q.d && ih >= 0 && ih < q.h) {
                        int base = gb + c * dhw + id * hw + ih * q.w + shift;
                        int from = Math.max(zw, lo), to = Math.min(zw + len, hi);
                        if (q.stw == 1) {
                            for (int i = from; i < to; i++) g[base + i] += col[k + i - zw];
                        } else {
                            for (int i = from; i < to; i++) g[base + i * q.stw] += col[k + i - zw];
                        }
                    }
                    k += len;
                    zw = 0;
                    if (++zh == q.oh) { zh = 0; zd++; }
                }
            }
    }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }
}
