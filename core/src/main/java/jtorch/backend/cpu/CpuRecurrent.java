package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The fast F32 recurrent-cell kernels of {@link CpuBackend} (formulas on {@link jtorch.backend.Backend#lstmForward}
 * and the other cell methods): per row, σ and tanh of whole gate blocks by {@link VectorMath} (scalar tails by
 * {@link ScalarMath}, the same bits), the rest plain float loops that C2 vectorises without reordering anything. Rows
 * are independent, so the split across {@link Parallel} threads (only for large batches) never changes a bit.
 */
final class CpuRecurrent {
    private CpuRecurrent() {}

    /** Rows per parallel chunk: about 32K gate values. */
    private static int grain(int width) { return Math.max(1, 32768 / width); }

    static boolean accepts(Tensor... ts) {
        for (Tensor t : ts) {
            if (t == null) continue;
            if (t.dtype() != DType.F32 || !(t.storage() instanceof HeapStorage)) return false;
            if (t.dim() == 2 && t.stride(1) != 1 && t.size(1) > 1) return false;
        }
        return true;
    }

    private static float[] f(Tensor t) { return t == null ? null : ((HeapStorage) t.storage()).floats(); }
    private static int o(Tensor t, int b) { return t == null ? 0 : t.offset() + b * t.stride(0); }
    private static boolean padded(Tensor mask, float[] m, int b) { return mask != null && m[o(mask, b)] == 0f; }

    static void sigmoid(float[] a, int off, int n) {
        int v = n - n % VectorMath.S.length();
        VectorMath.sigmoid(a, off, a, off, v);
        for (int i = v; i < n; i++) a[off + i] = ScalarMath.sigmoid(a[off + i]);
    }

    static void tanh(float[] out, int oo, float[] x, int xo, int n) {
        int v = n - n % VectorMath.S.length();
        VectorMath.tanh(out, oo, x, xo, v);
        for (int i = v; i < n; i++) out[oo + i] = ScalarMath.tanh(x[xo + i]);
    }

    static void lstmForward(Tensor gates, Tensor hPrev, Tensor cPrev, Tensor h, Tensor c, Tensor tanhC, Tensor y,
                            Tensor mask) {
        int hs = h.size(1);
        Parallel.range(gates.size(0), grain(4 * hs), (from, to) -> lstmForwardRows(gates, hPrev, cPrev, h, c, tanhC, y, mask, from, to));
    }

    /** Rows [from, to) of {@link #lstmForward}, on the calling thread. */
    static void lstmForwardRows(Tensor gates, Tensor hPrev, Tensor cPrev, Tensor h, Tensor c, Tensor tanhC, Tensor y,
                            Tensor mask, int from, int to) {
        float[] g = f(gates), hp = f(hPrev), cp = f(cPrev), ho = f(h), co = f(c), tc = f(tanhC), yo = f(y), m = f(mask);
        int hs = h.size(1);
        for (int b = from; b < to; b++) {
            int go = o(gates, b), hpo = o(hPrev, b), cpo = o(cPrev, b), hoo = o(h, b), coo = o(c, b),
                    tco = o(tanhC, b), yoo = o(y, b);
            sigmoid(g, go, 2 * hs);
            tanh(g, go + 2 * hs, g, go + 2 * hs, hs);
            sigmoid(g, go + 3 * hs, hs);
            if (padded(mask, m, b)) {
                System.arraycopy(cp, cpo, co, coo, hs);
                System.arraycopy(hp, hpo, ho, hoo, hs);
                java.util.Arrays.fill(tc, tco, tco + hs, 0f);
                java.util.Arrays.fill(yo, yoo, yoo + hs, 0f);
                continue;
            }
            for (int j = 0; j < hs; j++) co[coo + j] = g[go + hs + j] * cp[cpo + j] + g[go + j] * g[go + 2 * hs + j];
            tanh(tc, tco, co, coo, hs);
            for (int j = 0; j < hs; j++) {
                float v = g[go + 3 * hs + j] * tc[tco + j];
                ho[hoo + j] = v;
                yo[yoo + j] = v;
            }
        }
    }

    static void lstmBackward(Tensor gates, Tensor cPrev, Tensor tanhC, Tensor dy, Tensor dh, Tensor dc, Tensor dGates,
                             Tensor mask) {
        int hs = dh.size(1);
        Parallel.range(gates.size(0), grain(4 * hs), (from, to) -> lstmBackwardRows(gates, cPrev, tanhC, dy, dh, dc, dGates, mask, from, to));
    }

    /** Rows [from, to) of {@link #lstmBackward}, on the calling thread. */
    static void lstmBackwardRows(Tensor gates, Tensor cPrev, Tensor tanhC, Tensor dy, Tensor dh, Tensor dc, Tensor dGates,
                             Tensor mask, int from, int to) {
        float[] g = f(gates), cp = f(cPrev), tc = f(tanhC), dyo = f(dy), dho = f(dh), dco = f(dc), d = f(dGates),
                m = f(mask);
        int hs = dh.size(1);
        for (int b = from; b < to; b++) {
            int go = o(gates, b), cpo = o(cPrev, b), tco = o(tanhC, b), dyoo = o(dy, b), dhoo = o(dh, b),
                    dcoo = o(dc, b), dd = o(dGates, b);
            if (padded(mask, m, b)) {
                java.util.Arrays.fill(d, dd, dd + 4 * hs, 0f);
                continue;
            }
            if (dyo != null) for (int j = 0; j < hs; j++) dho[dhoo + j] += dyo[dyoo + j];
            int j = lstmBackwardLanes(g, go, cp, cpo, tc, tco, dho, dhoo, dco, dcoo, d, dd, hs);
            for (; j < hs; j++) {
                float i = g[go + j], fg = g[go + hs + j], gg = g[go + 2 * hs + j], og = g[go + 3 * hs + j];
                float t = tc[tco + j], dht = dho[dhoo + j];
                float dct = dco[dcoo + j] + dht * og * (1f - t * t);
                d[dd + j] = dct * gg * i * (1f - i);
                d[dd + hs + j] = dct * cp[cpo + j] * fg * (1f - fg);
                d[dd + 2 * hs + j] = dct * i * (1f - gg * gg);
                d[dd + 3 * hs + j] = dht * t * og * (1f - og);
                dco[dcoo + j] = dct * fg;
                dho[dhoo + j] = 0f;
            }
        }
    }

    /**
     * The vector part of one row of {@link #lstmBackwardRows} (the scalar loop's operations in its order, so a lane
     * and the tail agree bit for bit); returns how many columns it did (a multiple of the lane count).
     */
    private static int lstmBackwardLanes(float[] g, int go, float[] cp, int cpo, float[] tc, int tco, float[] dho,
                                         int dhoo, float[] dco, int dcoo, float[] d, int dd, int hs) {
        VectorSpecies<Float> s = VectorMath.S;
        int n = hs - hs % s.length();
        FloatVector one = FloatVector.broadcast(s, 1f), zero = FloatVector.zero(s);
        for (int j = 0; j < n; j += s.length()) {
            FloatVector i = FloatVector.fromArray(s, g, go + j), fg = FloatVector.fromArray(s, g, go + hs + j);
            FloatVector gg = FloatVector.fromArray(s, g, go + 2 * hs + j), og = FloatVector.fromArray(s, g, go + 3 * hs + j);
            FloatVector t = FloatVector.fromArray(s, tc, tco + j), dht = FloatVector.fromArray(s, dho, dhoo + j);
            FloatVector dct = FloatVector.fromArray(s, dco, dcoo + j).add(dht.mul(og).mul(one.sub(t.mul(t))));
            dct.mul(gg).mul(i).mul(one.sub(i)).intoArray(d, dd + j);
            dct.mul(FloatVector.fromArray(s, cp, cpo + j)).mul(fg).mul(one.sub(fg)).intoArray(d, dd + hs + j);
            dct.mul(i).mul(one.sub(gg.mul(gg))).intoArray(d, dd + 2 * hs + j);
            dht.mul(t).mul(og).mul(one.sub(og)).intoArray(d, dd + 3 * hs + j);
            dct.mul(fg).intoArray(dco, dcoo + j);
            zero.intoArray(dho, dhoo + j);
        }
        return n;
    }

    static void gruForward(Tensor a, Tensor hh, Tensor hPrev, Tensor h, Tensor y, Tensor mask) {
        int hs = h.size(1);
        Parallel.range(a.size(0), grain(3 * hs), (from, to) -> gruForwardRows(a, hh, hPrev, h, y, mask, from, to));
    }

    /** Rows [from, to) of {@link #gruForward}, on the calling thread. */
    static void gruForwardRows(Tensor a, Tensor hh, Tensor hPrev, Tensor h, Tensor y, Tensor mask, int from, int to) {
        float[] ga = f(a), gh = f(hh), hp = f(hPrev), ho = f(h), yo = f(y), m = f(mask);
        int hs = h.size(1);
        for (int b = from; b < to; b++) {
            int ao = o(a, b), hho = o(hh, b), hpo = o(hPrev, b), hoo = o(h, b), yoo = o(y, b);
            for (int j = 0; j < 2 * hs; j++) ga[ao + j] += gh[hho + j];
            sigmoid(ga, ao, 2 * hs);
            for (int j = 0; j < hs; j++) ga[ao + 2 * hs + j] += ga[ao + j] * gh[hho + 2 * hs + j];
            tanh(ga, ao + 2 * hs, ga, ao + 2 * hs, hs);
            if (padded(mask, m, b)) {
                System.arraycopy(hp, hpo, ho, hoo, hs);
                java.util.Arrays.fill(yo, yoo, yoo + hs, 0f);
                continue;
            }
            for (int j = 0; j < hs; j++) {
                float n = ga[ao + 2 * hs + j], v = n + ga[ao + hs + j] * (hp[hpo + j] - n);
                ho[hoo + j] = v;
                yo[yoo + j] = v;
            }
        }
    }

    static void gruBackward(Tensor acts, Tensor hh, Tensor hPrev, Tensor dy, Tensor dh, Tensor dA, Tensor dHh,
                            Tensor mask) {
        int hs = dh.size(1);
        Parallel.range(acts.size(0), grain(3 * hs), (from, to) -> gruBackwardRows(acts, hh, hPrev, dy, dh, dA, dHh, mask, from, to));
    }

    /** Rows [from, to) of {@link #gruBackward}, on the calling thread. */
    static void gruBackwardRows(Tensor acts, Tensor hh, Tensor hPrev, Tensor dy, Tensor dh, Tensor dA, Tensor dHh,
                            Tensor mask, int from, int to) {
        float[] ga = f(acts), gh = f(hh), hp = f(hPrev), dyo = f(dy), dho = f(dh), da = f(dA), db = f(dHh), m = f(mask);
        int hs = dh.size(1);
        for (int b = from; b < to; b++) {
            int ao = o(acts, b), hho = o(hh, b), hpo = o(hPrev, b), dyoo = o(dy, b), dhoo = o(dh, b),
                    dao = o(dA, b), dbo = o(dHh, b);
            if (padded(mask, m, b)) {
                java.util.Arrays.fill(da, dao, dao + 3 * hs, 0f);
                java.util.Arrays.fill(db, dbo, dbo + 3 * hs, 0f);
                continue;
            }
            if (dyo != null) for (int j = 0; j < hs; j++) dho[dhoo + j] += dyo[dyoo + j];
            for (int j = 0; j < hs; j++) {
                float r = ga[ao + j], z = ga[ao + hs + j], n = ga[ao + 2 * hs + j], dht = dho[dhoo + j];
                float dn = dht * (1f - z) * (1f - n * n), dz = dht * (hp[hpo + j] - n) * z * (1f - z);
                float dr = dn * gh[hho + 2 * hs + j] * r * (1f - r);
                da[dao + j] = dr;
                da[dao + hs + j] = dz;
                da[dao + 2 * hs + j] = dn;
                db[dbo + j] = dr;
                db[dbo + hs + j] = dz;
                db[dbo + 2 * hs + j] = dn * r;
                dho[dhoo + j] = dht * z;
            }
        }
    }

    static void rnnForward(boolean relu, Tensor pre, Tensor hPrev, Tensor h, Tensor y, Tensor mask) {
        int hs = h.size(1);
        Parallel.range(pre.size(0), grain(hs), (from, to) -> rnnForwardRows(relu, pre, hPrev, h, y, mask, from, to));
    }

    /** Rows [from, to) of {@link #rnnForward}, on the calling thread. */
    static void rnnForwardRows(boolean relu, Tensor pre, Tensor hPrev, Tensor h, Tensor y, Tensor mask, int from, int to) {
        float[] p = f(pre), hp = f(hPrev), ho = f(h), yo = f(y), m = f(mask);
        int hs = h.size(1);
        for (int b = from; b < to; b++) {
            int po = o(pre, b), hpo = o(hPrev, b), hoo = o(h, b), yoo = o(y, b);
            if (padded(mask, m, b)) {
                System.arraycopy(hp, hpo, ho, hoo, hs);
                java.util.Arrays.fill(yo, yoo, yoo + hs, 0f);
                continue;
            }
            if (relu) for (int j = 0; j < hs; j++) ho[hoo + j] = Math.max(p[po + j], 0f);
            else tanh(ho, hoo, p, po, hs);
            System.arraycopy(ho, hoo, yo, yoo, hs);
        }
    }

    static void rnnBackward(boolean relu, Tensor h, Tensor dy, Tensor dh, Tensor dPre, Tensor mask) {
        int hs = h.size(1);
        Parallel.range(h.size(0), grain(hs), (from, to) -> rnnBackwardRows(relu, h, dy, dh, dPre, mask, from, to));
    }

    /** Rows [from, to) of {@link #rnnBackward}, on the calling thread. */
    static void rnnBackwardRows(boolean relu, Tensor h, Tensor dy, Tensor dh, Tensor dPre, Tensor mask, int from, int to) {
        float[] ho = f(h), dyo = f(dy), dho = f(dh), d = f(dPre), m = f(mask);
        int hs = h.size(1);
        for (int b = from; b < to; b++) {
            int hoo = o(h, b), dyoo = o(dy, b), dhoo = o(dh, b), dd = o(dPre, b);
            if (padded(mask, m, b)) {
                java.util.Arrays.fill(d, dd, dd + hs, 0f);
                continue;
            }
            for (int j = 0; j < hs; j++) {
                float v = ho[hoo + j], dht = dho[dhoo + j] + (dyo == null ? 0f : dyo[dyoo + j]);
                d[dd + j] = dht * (relu ? (v > 0f ? 1f : 0f) : 1f - v * v);
                dho[dhoo + j] = 0f;
            }
        }
    }
}
