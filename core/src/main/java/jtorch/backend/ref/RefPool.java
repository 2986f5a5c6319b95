package jtorch.backend.ref;

import jtorch.backend.Pool;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The reference pooling kernels ({@link jtorch.backend.Backend#pool}, {@link jtorch.backend.Backend#poolBackward}):
 * plain loops over every window of [N, C, D, H, W] tensors of any strides and dtype, arithmetic in double. The oracle
 * for the fast kernels; see {@link Pool} for the definitions.
 */
final class RefPool {
    private RefPool() {}

    /** A visitor of one window's valid taps: storage index in the input and the flat index in the input plane. */
    private interface Tap { void at(int storageIndex, int planeIndex); }

    private static int idx(Tensor t, int n, int c, int d, int h, int w) {
        return t.offset() + n * t.stride(0) + c * t.stride(1) + d * t.stride(2) + h * t.stride(3) + w * t.stride(4);
    }

    /** Visits the valid taps of output (od, oh, ow) of plane (n, c), in row-major window order; returns their count. */
    private static int window(Pool p, Tensor in, Tensor out, int n, int c, int od, int oh, int ow, Tap tap) {
        int[] o = {od, oh, ow}, s = new int[3], t = new int[3], L = {in.size(2), in.size(3), in.size(4)};
        for (int d = 0; d < 3; d++) {
            s[d] = p.start(d, o[d], L[d], out.size(2 + d));
            t[d] = p.taps(d, o[d], L[d], out.size(2 + d));
        }
        int count = 0;
        for (int a = 0; a < t[0]; a++) {
            int z = s[0] + a * p.step(0);
            if (z < 0 || z >= L[0]) continue;
            for (int b = 0; b < t[1]; b++) {
                int y = s[1] + b * p.step(1);
                if (y < 0 || y >= L[1]) continue;
                for (int e = 0; e < t[2]; e++) {
                    int x = s[2] + e * p.step(2);
                    if (x < 0 || x >= L[2]) continue;
                    tap.at(idx(in, n, c, z, y, x), (z * L[1] + y) * L[2] + x);
                    count++;
                }
            }
        }
        return count;
    }

    private static double avgDivisor(Pool p, Tensor in, Tensor out, int[] o, int valid) {
        if (!p.countIncludePad() || p.adaptive()) return valid;
        double n = 1;
        for (int d = 0; d < 3; d++) n *= p.paddedSpan(d, o[d], in.size(2 + d), out.size(2 + d));
        return n;
    }

    static void forward(Pool p, Tensor out, Tensor indices, Tensor in) {
        HeapStorage x = (HeapStorage) in.storage(), y = (HeapStorage) out.storage();
        HeapStorage ix = indices == null ? null : (HeapStorage) indices.storage();
        for (int n = 0; n < out.size(0); n++) for (int c = 0; c < out.size(1); c++)
            for (int od = 0; od < out.size(2); od++) for (int oh = 0; oh < out.size(3); oh++)
                for (int ow = 0; ow < out.size(4); ow++) {
                    double[] acc = {Double.NEGATIVE_INFINITY, -1, 0}; // max, argmax, sum
                    int valid = window(p, in, out, n, c, od, oh, ow, (k, flat) -> {
                        double v = x.get(k);
                        if (acc[1] < 0 || v > acc[0] || v != v) { acc[0] = v; acc[1] = flat; }
                        acc[2] += v;
                    });
                    double r;
                    if (p.kind() == Pool.Kind.MAX) {
                        r = acc[0];
                        ix.set(idx(indices, n, c, od, oh, ow), acc[1]);
                    } else if (p.kind() == Pool.Kind.AVG) {
                        r = acc[2] / avgDivisor(p, in, out, new int[] {od, oh, ow}, valid);
                    } else {
                        double m = acc[0], beta = p.beta();
                        if (Double.isInfinite(m) || m != m) r = m;
                        else {
                            double[] e = {0};
                            window(p, in, out, n, c, od, oh, ow, (k, flat) -> e[0] += Math.expm1(beta * (x.get(k) - m)));
                            r = m + Math.log1p(e[0] / valid) / beta;
                        }
                    }
                    y.set(idx(out, n, c, od, oh, ow), r);
                }
    }

    static void backward(Pool p, Tensor gradIn, Tensor gradOut, Tensor indices, Tensor in, Tensor out) {
        HeapStorage gi = (HeapStorage) gradIn.storage(), go = (HeapStorage) gradOut.storage();
        for (int n = 0; n < gradIn.size(0); n++) for (int c = 0; c < gradIn.size(1); c++)
            for (int d = 0; d < gradIn.size(2); d++) for (int h = 0; h < gradIn.size(3); h++)
                for (int w = 0; w < gradIn.size(4); w++) gi.set(idx(gradIn, n, c, d, h, w), 0);
        HeapStorage x = in == null ? null : (HeapStorage) in.storage();
        Tensor shape = in == null ? gradIn : in; // MAX and AVG need only the geometry
        int H = gradIn.size(3), W = gradIn.size(4);
        for (int n = 0; n < gradOut.size(0); n++) for (int c = 0; c < gradOut.size(1); c++)
            for (int od = 0; od < gradOut.size(2); od++) for (int oh = 0; oh < gradOut.size(3); oh++)
                for (int ow = 0; ow < gradOut.size(4); ow++) {
                    double g = go.get(idx(gradOut, n, c, od, oh, ow));
                    final int nn = n, cc = c;
                    if (p.kind() == Pool.Kind.MAX) {
                        int flat = (int) ((HeapStorage) indices.storage()).get(idx(indices, n, c, od, oh, ow));
                        int k = idx(gradIn, n, c, flat / (H * W), flat / W % H, flat % W);
                        gi.set(k, gi.get(k) + g);
                        continue;
                    }
                    int valid = window(p, shape, gradOut, n, c, od, oh, ow, (k, flat) -> {});
                    double div = p.kind() == Pool.Kind.AVG ? avgDivisor(p, shape, gradOut, new int[] {od, oh, ow}, valid) : valid;
                    double y = p.kind() == Pool.Kind.LSE ? ((HeapStorage) out.storage()).get(idx(out, n, c, od, oh, ow)) : 0;
                    window(p, shape, gradOut, n, c, od, oh, ow, (k, flat) -> {
                        int t = idx(gradIn, nn, cc, flat / (H * W), flat / W % H, flat % W);
                        double wgt = p.kind() == Pool.Kind.AVG ? 1 / div : Math.exp(p.beta() * (x.get(k) - y)) / div;
                        gi.set(t, gi.get(t) + g * wgt);
                    });
                }
    }
}
