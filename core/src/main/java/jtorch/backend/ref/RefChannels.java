package jtorch.backend.ref;

import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The reference per-channel kernels of batch normalisation ({@link jtorch.backend.Backend#channelMoments},
 * {@code channelDots}, {@code channelAffine}): plain loops in double over tensors [B, C, L] of any strides and per-channel
 * vectors [C], the oracle the cpu kernels are tested against.
 */
final class RefChannels {
    private RefChannels() {}

    private static int at(Tensor t, int b, int c, int l) { return t.offset() + b * t.stride(0) + c * t.stride(1) + l * t.stride(2); }

    private static double v(Tensor t, int c) { return RefBackend.h(t).get(t.offset() + c * t.stride(0)); }

    private static void set(Tensor t, int c, double v) { RefBackend.h(t).set(t.offset() + c * t.stride(0), v); }

    static void check(String op, Tensor x3, Tensor... perChannel) {
        boolean ok = x3.dim() == 3;
        for (Tensor t : perChannel) ok &= t == null || (t.dim() == 1 && ok && t.size(0) == x3.size(1));
        if (!ok) throw new IllegalArgumentException(op + ": expected a tensor [B, C, L] and per-channel vectors [C], got "
                + x3.shape() + " and " + java.util.Arrays.stream(perChannel).map(t -> t == null ? "null" : t.shape().toString())
                .toList());
    }

    static void same(String op, Tensor x3, Tensor y3) {
        if (y3 != null && !y3.sameShape(x3)) throw new IllegalArgumentException(op + ": tensors [B, C, L] of different shapes "
                + x3.shape() + " and " + y3.shape());
    }

    static void moments(Tensor x, Tensor mean, Tensor var) {
        check("channelMoments", x, mean, var);
        HeapStorage hx = RefBackend.h(x);
        int B = x.size(0), C = x.size(1), L = x.size(2);
        double n = (double) B * L;
        for (int c = 0; c < C; c++) {
            double s = 0, q = 0;
            for (int b = 0; b < B; b++) for (int l = 0; l < L; l++) s += hx.get(at(x, b, c, l));
            double m = s / n;
            for (int b = 0; b < B; b++) for (int l = 0; l < L; l++) {
                double d = hx.get(at(x, b, c, l)) - m;
                q += d * d;
            }
            set(mean, c, m);
            set(var, c, q / n);
        }
    }

    static void dots(Tensor g, Tensor x, Tensor mean, Tensor sumG, Tensor sumGX) {
        check("channelDots", x, mean, sumG, sumGX);
        same("channelDots", x, g);
        HeapStorage hx = RefBackend.h(x), hg = RefBackend.h(g);
        int B = x.size(0), C = x.size(1), L = x.size(2);
        for (int c = 0; c < C; c++) {
            double m = v(mean, c), s = 0, q = 0;
            for (int b = 0; b < B; b++) for (int l = 0; l < L; l++) {
                double gv = hg.get(at(g, b, c, l));
                s += gv;
                q += gv * (hx.get(at(x, b, c, l)) - m);
            }
            set(sumG, c, s);
            set(sumGX, c, q);
        }
    }

    static void affine(Tensor out, Tensor x, Tensor a, Tensor s, Tensor y, Tensor k) {
        check("channelAffine", x, a, s, k);
        same("channelAffine", x, out);
        same("channelAffine", x, y);
        if ((y == null) != (k == null)) throw new IllegalArgumentException("channelAffine: y and k must both be given or both be null");
        HeapStorage ho = RefBackend.h(out), hx = RefBackend.h(x), hy = y == null ? null : RefBackend.h(y);
        int B = x.size(0), C = x.size(1), L = x.size(2);
        for (int c = 0; c < C; c++) {
            double ac = v(a, c), sc = v(s, c), kc = k == null ? 0 : v(k, c);
            for (int b = 0; b < B; b++) for (int l = 0; l < L; l++) {
                double r = hx.get(at(x, b, c, l)) * ac + sc;
                if (hy != null) r += hy.get(at(y, b, c, l)) * kc;
                ho.set(at(out, b, c, l), r);
            }
        }
    }
}
