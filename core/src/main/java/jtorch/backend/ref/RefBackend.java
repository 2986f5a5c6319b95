package jtorch.backend.ref;

import jtorch.backend.Backend;
import jtorch.backend.BinaryOp;
import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Storage;
import jtorch.tensor.Tensor;

/**
 * The reference back end: plain scalar loops over any strides, every dtype, written for obviousness rather than speed.
 * Arithmetic is done in double and rounded to the output dtype, so F64 results are the oracle for the fast back ends.
 */
public class RefBackend implements Backend {

    @Override public String name() { return "ref"; }

    @Override public Storage allocate(DType dtype, int n) { return HeapStorage.allocate(dtype, n); }

    /** Storage index of the element with row-major position {@code linear} in {@code t}. */
    static int at(Tensor t, int linear) {
        int k = t.offset();
        for (int d = t.dim() - 1; d >= 0; d--) {
            int s = t.size(d);
            k += (linear % s) * t.stride(d);
            linear /= s;
        }
        return k;
    }

    static HeapStorage h(Tensor t) { return (HeapStorage) t.storage(); }

    @Override public void fill(Tensor out, double v) {
        HeapStorage o = h(out);
        for (int i = 0, n = out.numel(); i < n; i++) o.set(at(out, i), v);
    }

    @Override public void copy(Tensor dst, Tensor src) {
        HeapStorage o = h(dst), s = h(src);
        int n = dst.numel();
        if (o == s) { // overlapping copy: read everything first
            double[] tmp = new double[n];
            for (int i = 0; i < n; i++) tmp[i] = s.get(at(src, i));
            for (int i = 0; i < n; i++) o.set(at(dst, i), tmp[i]);
            return;
        }
        for (int i = 0; i < n; i++) o.set(at(dst, i), s.get(at(src, i)));
    }

    @Override public void unary(UnaryOp op, double a, double b, Tensor out, Tensor in) {
        HeapStorage o = h(out), x = h(in);
        for (int i = 0, n = out.numel(); i < n; i++) o.set(at(out, i), op.apply(x.get(at(in, i)), a, b));
    }

    @Override public void binary(BinaryOp op, double alpha, Tensor out, Tensor x, Tensor y) {
        HeapStorage o = h(out), hx = h(x), hy = h(y);
        for (int i = 0, n = out.numel(); i < n; i++) {
            o.set(at(out, i), op.apply(hx.get(at(x, i)), hy.get(at(y, i)), alpha));
        }
    }

    @Override public void where(Tensor out, Tensor cond, Tensor x, Tensor y) {
        HeapStorage o = h(out), c = h(cond), hx = h(x), hy = h(y);
        for (int i = 0, n = out.numel(); i < n; i++) {
            o.set(at(out, i), c.get(at(cond, i)) != 0 ? hx.get(at(x, i)) : hy.get(at(y, i)));
        }
    }

    @Override public void reduce(ReduceOp op, Tensor out, Tensor in, int dim) {
        HeapStorage o = h(out), x = h(in);
        int len = in.size(dim), stride = in.stride(dim);
        for (int i = 0, n = out.numel(); i < n; i++) {
            int base = baseOf(in, out, i, dim);
            o.set(at(out, i), reduceLine(op, x, base, stride, len));
        }
    }

    /** Storage index in {@code in} of the first element of the line that {@code out}'s element i reduces. */
    private static int baseOf(Tensor in, Tensor out, int linear, int dim) {
        int k = in.offset();
        for (int d = out.dim() - 1; d >= 0; d--) {
            int s = out.size(d);
            if (d != dim) k += (linear % s) * in.stride(d);
            linear /= s;
        }
        return k;
    }

    static double reduceLine(ReduceOp op, HeapStorage x, int base, int stride, int len) {
        double acc = switch (op) {
            case SUM, SUMSQ -> 0;
            case PROD -> 1;
            case MAX, LOGSUMEXP -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        for (int j = 0; j < len; j++) {
            double v = x.get(base + j * stride);
            acc = switch (op) {
                case SUM -> acc + v;
                case SUMSQ -> acc + v * v;
                case PROD -> acc * v;
                case MAX, LOGSUMEXP -> (v > acc || v != v) ? v : acc;
                case MIN -> (v < acc || v != v) ? v : acc;
            };
            if (acc != acc && (op == ReduceOp.MAX || op == ReduceOp.MIN)) break;
        }
        if (op != ReduceOp.LOGSUMEXP) return acc;
        double m = acc;
        if (m == Double.NEGATIVE_INFINITY || m != m || m == Double.POSITIVE_INFINITY) return m;
        double s = 0;
        for (int j = 0; j < len; j++) s += Math.exp(x.get(base + j * stride) - m);
        return m + Math.log(s);
    }

    @Override public void argReduce(boolean max, Tensor values, Tensor indices, Tensor in, int dim) {
        HeapStorage v = h(values), ix = h(indices), x = h(in);
        int len = in.size(dim), stride = in.stride(dim);
        for (int i = 0, n = values.numel(); i < n; i++) {
            int base = baseOf(in, values, i, dim), best = 0;
            double bv = x.get(base);
            for (int j = 1; j < len && bv == bv; j++) {
                double c = x.get(base + j * stride);
                if (c != c || (max ? c > bv : c < bv)) { bv = c; best = j; }
            }
            v.set(at(values, i), bv);
            ix.set(at(indices, i), best);
        }
    }

    @Override public void layerNorm(Tensor y, Tensor xhat, Tensor invstd, Tensor x, Tensor gamma, Tensor beta,
                                    double eps) {
        RefLayerNorm.forward(y, xhat, invstd, x, gamma, beta, eps);
    }

    @Override public void layerNormBackward(Tensor gradIn, Tensor gradOut, Tensor xhat, Tensor invstd, Tensor gamma) {
        RefLayerNorm.backward(gradIn, gradOut, xhat, invstd, gamma);
    }

    @Override public void layerNormParams(Tensor gradGamma, Tensor gradBeta, Tensor gradOut, Tensor xhat, double scale) {
        RefLayerNorm.params(gradGamma, gradBeta, gradOut, xhat, scale);
    }

    @Override public void softmax(Tensor out, Tensor in, Tensor bias) { RefSoftmax.forward(out, in, bias); }

    @Override public void softmaxBackward(Tensor gradIn, Tensor gradOut, Tensor out) {
        RefSoftmax.backward(gradIn, gradOut, out);
    }

    @Override public void gemm(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        HeapStorage ha = h(a), hb = h(b), hc = h(c);
        int m = a.size(0), k = a.size(1), n = b.size(1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += ha.get(a.offset() + i * a.stride(0) + p * a.stride(1))
                            * hb.get(b.offset() + p * b.stride(0) + j * b.stride(1));
                }
                int ci = c.offset() + i * c.stride(0) + j * c.stride(1);
                hc.set(ci, beta == 0 ? alpha * s : beta * hc.get(ci) + alpha * s);
            }
        }
    }

    @Override public void convForward(jtorch.backend.ConvSpec spec, Tensor out, Tensor in, Tensor weight, Tensor bias) {
        RefConv.forward(spec, out, in, weight, bias);
    }

    @Override public void convBackwardInput(jtorch.backend.ConvSpec spec, Tensor gradIn, Tensor gradOut, Tensor weight) {
        RefConv.backwardInput(spec, gradIn, gradOut, weight);
    }

    @Override public void convBackwardWeight(jtorch.backend.ConvSpec spec, Tensor gradWeight, Tensor gradOut, Tensor in,
                                             double scale) {
        RefConv.backwardWeight(spec, gradWeight, gradOut, in, scale);
    }

    /**
     * Checks the operands of the per-channel kernels: x [B, C, L], other (may be null) of x's shape, the per-channel
     * vectors (null ones skipped) [C]; throws naming {@code op} and the shapes otherwise.
     */
    public static void checkChannels(String op, Tensor x, Tensor other, Tensor... perChannel) {
        RefChannels.check(op, x, perChannel);
        RefChannels.same(op, x, other);
    }

    @Override public void channelMoments(Tensor x, Tensor mean, Tensor var) { RefChannels.moments(x, mean, var); }

    @Override public void channelDots(Tensor g, Tensor x, Tensor mean, Tensor sumG, Tensor sumGX) {
        RefChannels.dots(g, x, mean, sumG, sumGX);
    }

    @Override public void channelAffine(Tensor out, Tensor x, Tensor a, Tensor s, Tensor y, Tensor k) {
        RefChannels.affine(out, x, a, s, y, k);
    }

    @Override public int classTargets(Tensor target, int classes, int ignoreIndex, Tensor index, Tensor keep) {
        return ClassTargets.run(target, classes, ignoreIndex, index, keep);
    }

    @Override public void indexSelect(Tensor out, Tensor in, int dim, Tensor index) {
        for (int j = 0, n = index.size(0); j < n; j++) {
            copy(out.select(dim, j), in.select(dim, (int) index.get(j)));
        }
    }

    @Override public void gather(Tensor out, Tensor in, int dim, Tensor index) {
        HeapStorage o = h(out), x = h(in), ix = h(index);
        for (int i = 0, n = out.numel(); i < n; i++) {
            int idx = (int) ix.get(at(index, i));
            o.set(at(out, i), x.get(withDim(in, index, i, dim, idx)));
        }
    }

    @Override public void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
        HeapStorage o = h(out), s = h(src), ix = h(index);
        for (int i = 0, n = index.numel(); i < n; i++) {
            int idx = (int) ix.get(at(index, i));
            int k = withDim(out, index, i, dim, idx);
            o.set(k, o.get(k) + s.get(at(src, i, index)));
        }
    }

    @Override public void sentenceEncode(Tensor out, Tensor words, java.util.List<Tensor> embs,
                                         java.util.List<Tensor> times, boolean position) {
        for (int e = 0; e < embs.size(); e++)
            RefMemory.encode(out.select(0, e), words, embs.get(e), times == null ? null : times.get(e), position);
    }

    @Override public void sentenceEncodeBackward(java.util.List<Tensor> gradEmbs, java.util.List<Tensor> gradTimes,
                                                 Tensor words, Tensor gradOut, boolean position, double scale) {
        for (int e = 0; e < gradEmbs.size(); e++) RefMemory.encodeBackward(gradEmbs.get(e),
                gradTimes == null ? null : gradTimes.get(e), words, gradOut.select(0, e), position, scale);
    }

    @Override public void memoryRead(Tensor p, Tensor o, Tensor m, Tensor c, Tensor u, boolean softmax) {
        RefMemory.read(p, o, m, c, u, softmax);
    }

    @Override public void memoryReadBackward(Tensor gm, Tensor gc, Tensor gu, Tensor g, Tensor p, Tensor m, Tensor c,
                                             Tensor u, boolean softmax) {
        RefMemory.readBackward(gm, gc, gu, g, p, m, c, u, softmax);
    }

    /** Storage index in t at the coordinates of {@code shapeOf}'s element {@code linear}, with coordinate dim = idx. */
    private static int withDim(Tensor t, Tensor shapeOf, int linear, int dim, int idx) {
        int k = t.offset();
        for (int d = shapeOf.dim() - 1; d >= 0; d--) {
            int s = shapeOf.size(d);
            k += (d == dim ? idx : linear % s) * t.stride(d);
            linear /= s;
        }
        return k;
    }

    /** Storage index in t at the coordinates of {@code shapeOf}'s element {@code linear}. */
    private static int at(Tensor t, int linear, Tensor shapeOf) {
        int k = t.offset();
        for (int d = shapeOf.dim() - 1; d >= 0; d--) {
            int s = shapeOf.size(d);
            k += (linear % s) * t.stride(d);
            linear /= s;
        }
        return k;
    }

    @Override public void pool(jtorch.backend.Pool p, Tensor out, Tensor indices, Tensor in) {
        RefPool.forward(p, out, indices, in);
    }

    @Override public void poolBackward(jtorch.backend.Pool p, Tensor gradIn, Tensor gradOut, Tensor indices, Tensor in,
                                       Tensor out) {
        RefPool.backward(p, gradIn, gradOut, indices, in, out);
    }

    // ---- recurrent cells: RefRecurrent

    @Override public void lstmForward(Tensor gates, Tensor hPrev, Tensor cPrev, Tensor h, Tensor c, Tensor tanhC,
                                      Tensor y, Tensor mask) {
        RefRecurrent.lstmForward(gates, hPrev, cPrev, h, c, tanhC, y, mask);
    }

    @Override public void lstmBackward(Tensor gates, Tensor cPrev, Tensor tanhC, Tensor dy, Tensor dh, Tensor dc,
                                       Tensor dGates, Tensor mask) {
        RefRecurrent.lstmBackward(gates, cPrev, tanhC, dy, dh, dc, dGates, mask);
    }

    @Override public void gruForward(Tensor a, Tensor hh, Tensor hPrev, Tensor h, Tensor y, Tensor mask) {
        RefRecurrent.gruForward(a, hh, hPrev, h, y, mask);
    }

    @Override public void gruBackward(Tensor acts, Tensor hh, Tensor hPrev, Tensor dy, Tensor dh, Tensor dA,
                                      Tensor dHh, Tensor mask) {
        RefRecurrent.gruBackward(acts, hh, hPrev, dy, dh, dA, dHh, mask);
    }

    @Override public void rnnForward(boolean relu, Tensor pre, Tensor hPrev, Tensor h, Tensor y, Tensor mask) {
        RefRecurrent.rnnForward(relu, pre, hPrev, h, y, mask);
    }

    @Override public void rnnBackward(boolean relu, Tensor h, Tensor dy, Tensor dh, Tensor dPre, Tensor mask) {
        RefRecurrent.rnnBackward(relu, h, dy, dh, dPre, mask);
    }
}
