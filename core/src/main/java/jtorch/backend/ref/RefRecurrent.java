package jtorch.backend.ref;

import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The reference recurrent-cell kernels of {@link jtorch.backend.Backend} ({@code lstmForward} ... {@code rnnBackward}):
 * plain scalar loops over any strides, arithmetic in double, each stored value rounded to the tensor's dtype. The
 * formulas are documented on the Backend methods; this is their oracle.
 */
final class RefRecurrent {
    private RefRecurrent() {}

    /** A 2-d (or 1-d mask) strided view over heap storage, read and written in double. */
    private record M(HeapStorage s, int off, int s0, int s1) {
        static M of(Tensor t) {
            if (t == null) return null;
            return new M((HeapStorage) t.storage(), t.offset(), t.stride(0), t.dim() > 1 ? t.stride(1) : 0);
        }
        double get(int b, int j) { return s.get(off + b * s0 + j * s1); }
        void set(int b, int j, double v) { s.set(off + b * s0 + j * s1, v); }
    }

    private static boolean padded(M mask, int b) { return mask != null && mask.get(b, 0) == 0; }
    private static double sig(double x) { return 1 / (1 + Math.exp(-x)); }

    static void lstmForward(Tensor gates, Tensor hPrev, Tensor cPrev, Tensor h, Tensor c, Tensor tanhC, Tensor y,
                            Tensor mask) {
        M g = M.of(gates), hp = M.of(hPrev), cp = M.of(cPrev), ho = M.of(h), co = M.of(c), tc = M.of(tanhC),
                yo = M.of(y), m = M.of(mask);
        int bs = gates.size(0), hs = h.size(1);
        for (int b = 0; b < bs; b++) {
            boolean pad = padded(m, b);
            for (int j = 0; j < hs; j++) {
                double i = sig(g.get(b, j)), f = sig(g.get(b, hs + j)), gg = Math.tanh(g.get(b, 2 * hs + j)),
                        o = sig(g.get(b, 3 * hs + j));
                g.set(b, j, i);
                g.set(b, hs + j, f);
                g.set(b, 2 * hs + j, gg);
                g.set(b, 3 * hs + j, o);
                if (pad) {
                    co.set(b, j, cp.get(b, j));
                    ho.set(b, j, hp.get(b, j));
                    tc.set(b, j, 0);
                    yo.set(b, j, 0);
                    continue;
                }
                double cn = f * cp.get(b, j) + i * gg, t = Math.tanh(cn);
                co.set(b, j, cn);
                tc.set(b, j, t);
                ho.set(b, j, o * t);
                yo.set(b, j, o * t);
            }
        }
    }

    static void lstmBackward(Tensor gates, Tensor cPrev, Tensor tanhC, Tensor dy, Tensor dh, Tensor dc, Tensor dGates,
                             Tensor mask) {
        M g = M.of(gates), cp = M.of(cPrev), tc = M.of(tanhC), dyo = M.of(dy), dho = M.of(dh), dco = M.of(dc),
                d = M.of(dGates), m = M.of(mask);
        int bs = gates.size(0), hs = dh.size(1);
        for (int b = 0; b < bs; b++) {
            boolean pad = padded(m, b);
            for (int j = 0; j < hs; j++) {
                if (pad) {
                    for (int k = 0; k < 4; k++) d.set(b, k * hs + j, 0);
                    continue;
                }
                double i = g.get(b, j), f = g.get(b, hs + j), gg = g.get(b, 2 * hs + j), o = g.get(b, 3 * hs + j);
                double t = tc.get(b, j), dht = dho.get(b, j) + (dyo == null ? 0 : dyo.get(b, j));
                double dct = dco.get(b, j) + dht * o * (1 - t * t);
                d.set(b, j, dct * gg * i * (1 - i));
                d.set(b, hs + j, dct * cp.get(b, j) * f * (1 - f));
                d.set(b, 2 * hs + j, dct * i * (1 - gg * gg));
                d.set(b, 3 * hs + j, dht * t * o * (1 - o));
                dco.set(b, j, dct * f);
                dho.set(b, j, 0);
            }
        }
    }

    static void gruForward(Tensor a, Tensor hh, Tensor hPrev, Tensor h, Tensor y, Tensor mask) {
        M ga = M.of(a), gh = M.of(hh), hp = M.of(hPrev), ho = M.of(h), yo = M.of(y), m = M.of(mask);
        int bs = a.size(0), hs = h.size(1);
        for (int b = 0; b < bs; b++) {
            boolean pad = padded(m, b);
            for (int j = 0; j < hs; j++) {
                double r = sig(ga.get(b, j) + gh.get(b, j)), z = sig(ga.get(b, hs + j) + gh.get(b, hs + j));
                double n = Math.tanh(ga.get(b, 2 * hs + j) + r * gh.get(b, 2 * hs + j));
                ga.set(b, j, r);
                ga.set(b, hs + j, z);
                ga.set(b, 2 * hs + j, n);
                double p = hp.get(b, j), hn = n + z * (p - n);
                ho.set(b, j, pad ? p : hn);
                yo.set(b, j, pad ? 0 : hn);
            }
        }
    }

    static void gruBackward(Tensor acts, Tensor hh, Tensor hPrev, Tensor dy, Tensor dh, Tensor dA, Tensor dHh,
                            Tensor mask) {
        M ga = M.of(acts), gh = M.of(hh), hp = M.of(hPrev), dyo = M.of(dy), dho = M.of(dh), da = M.of(dA),
                dbh = M.of(dHh), m = M.of(mask);
        int bs = acts.size(0), hs = dh.size(1);
        for (int b = 0; b < bs; b++) {
            boolean pad = padded(m, b);
            for (int j = 0; j < hs; j++) {
                if (pad) {
                    for (int k = 0; k < 3; k++) {
                        da.set(b, k * hs + j, 0);
                        dbh.set(b, k * hs + j, 0);
                    }
                    continue;
                }
                double r = ga.get(b, j), z = ga.get(b, hs + j), n = ga.get(b, 2 * hs + j);
                double dht = dho.get(b, j) + (dyo == null ? 0 : dyo.get(b, j));
                double dn = dht * (1 - z) * (1 - n * n), dz = dht * (hp.get(b, j) - n) * z * (1 - z);
                double dr = dn * gh.get(b, 2 * hs + j) * r * (1 - r);
                da.set(b, j, dr);
                da.set(b, hs + j, dz);
                da.set(b, 2 * hs + j, dn);
                dbh.set(b, j, dr);
                dbh.set(b, hs + j, dz);
                dbh.set(b, 2 * hs + j, dn * r);
                dho.set(b, j, dht * z);
            }
        }
    }

    static void rnnForward(boolean relu, Tensor pre, Tensor hPrev, Tensor h, Tensor y, Tensor mask) {
        M p = M.of(pre), hp = M.of(hPrev), ho = M.of(h), yo = M.of(y), m = M.of(mask);
        int bs = pre.size(0), hs = h.size(1);
        for (int b = 0; b < bs; b++) {
            boolean pad = padded(m, b);
            for (int j = 0; j < hs; j++) {
                double v = p.get(b, j), a = relu ? Math.max(v, 0) : Math.tanh(v);
                ho.set(b, j, pad ? hp.get(b, j) : a);
                yo.set(b, j, pad ? 0 : a);
            }
        }
    }

    static void rnnBackward(boolean relu, Tensor h, Tensor dy, Tensor dh, Tensor dPre, Tensor mask) {
        M ho = M.of(h), dyo = M.of(dy), dho = M.of(dh), d = M.of(dPre), m = M.of(mask);
        int bs = h.size(0), hs = h.size(1);
        for (int b = 0; b < bs; b++) {
            boolean pad = padded(m, b);
            for (int j = 0; j < hs; j++) {
                if (pad) {
                    d.set(b, j, 0);
                    continue;
                }
                double v = ho.get(b, j), dht = dho.get(b, j) + (dyo == null ? 0 : dyo.get(b, j));
                d.set(b, j, dht * (relu ? (v > 0 ? 1 : 0) : 1 - v * v));
                dho.set(b, j, 0);
            }
        }
    }
}
