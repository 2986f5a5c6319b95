package jtorch.backend.cpu;

import java.util.LinkedHashMap;
import java.util.Map;
import jtorch.backend.Backend;
import jtorch.backend.BinaryOp;
import jtorch.backend.Backends;
import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * A fixed workload through every F32 kernel of the cpu back end at a fixed thread count (2), each output reduced to
 * a 64-bit hash of its raw bits: every {@link UnaryOp} and {@link BinaryOp} (contiguous with vector tails, strided,
 * broadcast, and one large enough to be split over threads), every {@link ReduceOp} along the last and the first
 * dimension and over one long line (split), var / norm / mean / logsumexp / log-softmax as the tensor layer and
 * LogSoftMax compose them, argmax, gemm in each dispatch path and transpose case, and the convolution kernels.
 * <p>{@code main} prints "name hash" lines, for {@link KernelReproducibilityTest} to run in child JVMs (-Xint,
 * -Xcomp); {@link #run()} returns the same map in this JVM.
 */
public final class KernelDigest {
    static final Backend CPU = Backends.cpu();

    private KernelDigest() {}

    /** Reproducible inputs without any library math: uniform in [-scale, scale) with specials at fixed places. */
    static Tensor input(long seed, float scale, boolean specials, int... sizes) {
        int n = 1;
        for (int s : sizes) n *= s;
        float[] f = new float[n];
        long z = seed * 0x9E3779B97F4A7C15L + 1;
        float[] sp = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e-40f, 90f, -110f};
        for (int i = 0; i < n; i++) {
            z = z * 6364136223846793005L + 1442695040888963407L;
            f[i] = ((z >>> 40) / (float) (1 << 24) * 2 - 1) * scale;
            if (specials && i % 97 == 13) f[i] = sp[(i / 97) % sp.length];
        }
        return Tensor.of(f, sizes).to(CPU);
    }

    static long hash(Tensor t) {
        Tensor c = t.dtype() == DType.F32 ? t : t.to(DType.F32);
        float[] f = c.contiguous().toFloatArray();
        long h = 0xcbf29ce484222325L;
        for (float v : f) h = (h ^ Float.floatToRawIntBits(v)) * 0x100000001b3L;
        return h ^ f.length;
    }

    static double[] unaryArgs(UnaryOp op) {
        return switch (op) {
            case CLAMP -> new double[] {-0.5, 0.75};
            case POW -> new double[] {1.5, 0};
            case RPOW -> new double[] {1.7, 0};
            case ADD, MUL, DIV, RSUB, RDIV, EQ, NE, LT, LE, GT, GE -> new double[] {0.3, 0};
            default -> new double[] {0, 0};
        };
    }

    /** The digests, in a fixed order, with {@link Parallel#threads()} set to 2 for the duration. */
    public static Map<String, Long> run() {
        int saved = Parallel.threads();
        Parallel.setThreads(2);
        try {
            return work();
        } finally {
            Parallel.setThreads(saved);
        }
    }

    private static Map<String, Long> work() {
        Map<String, Long> d = new LinkedHashMap<>();
        Tensor x = input(1, 4, true, 17, 59), y = input(2, 3, true, 17, 59);
        Tensor big = input(3, 6, false, 2 * Elementwise.GRAIN + 37); // split in 2 chunks
        Tensor pos = input(4, 1, false, 17, 59).apply(UnaryOp.ABS, 0, 0).apply(UnaryOp.ADD, 0.01, 0);
        Tensor bias = input(5, 1, false, 59), xt = input(6, 4, true, 59, 17).t();
        for (UnaryOp op : UnaryOp.values()) {
            double[] a = unaryArgs(op);
            Tensor in = op == UnaryOp.POW || op == UnaryOp.LOG || op == UnaryOp.SQRT ? pos : x;
            d.put("unary " + op, hash(in.apply(op, a[0], a[1])));
            d.put("unary strided " + op, hash(xt.apply(op, a[0], a[1])));
            d.put("unary broadcast " + op, hash(bias.expand(17, 59).apply(op, a[0], a[1])));
        }
        for (UnaryOp op : new UnaryOp[] {UnaryOp.SQUARE, UnaryOp.MUL}) { // cheap ops: -Xint runs them too
            d.put("unary split " + op, hash(big.apply(op, 0.5, 0)));
        }
        for (BinaryOp op : BinaryOp.values()) {
            Tensor xx = op == BinaryOp.POW ? pos : x;
            d.put("binary " + op, hash(xx.apply(op, 0.7, y)));
            d.put("binary bias " + op, hash(xx.apply(op, 1, bias.expand(17, 59))));
        }
        d.put("binary split ADD", hash(big.apply(BinaryOp.ADD, 0.5, big)));
        Tensor r = input(7, 5, false, 33, 301), rt = input(8, 5, false, 301, 33).t(), line = input(9, 3, false, 65557);
        for (ReduceOp op : ReduceOp.values()) {
            Tensor src = op == ReduceOp.PROD ? r.apply(UnaryOp.MUL, 0.3, 0).apply(UnaryOp.EXP, 0, 0) : r;
            d.put("reduce last " + op, hash(reduce(op, src, 1)));
            d.put("reduce first " + op, hash(reduce(op, src, 0)));
            d.put("reduce strided " + op, hash(reduce(op, rt, 1)));
            if (op != ReduceOp.PROD) d.put("reduce line " + op, hash(reduce(op, line.reshape(1, 65557), 1)));
        }
        Tensor longLine = input(13, 3, false, 1, 2 * Elementwise.REDUCE_GRAIN + 37); // split in 2 chunks
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.SUMSQ, ReduceOp.MAX}) {
            d.put("reduce split line " + op, hash(reduce(op, longLine, 1)));
        }
        d.put("sum all", Double.doubleToRawLongBits(line.sum()));
        d.put("mean all", Double.doubleToRawLongBits(line.mean()));
        d.put("var all", Double.doubleToRawLongBits(line.var()));
        d.put("norm all", Double.doubleToRawLongBits(line.norm(2)));
        d.put("logsumexp all", Double.doubleToRawLongBits(line.logsumexp()));
        d.put("var dim", hash(r.var(1)));
        d.put("norm dim", hash(r.norm(2, 0)));
        d.put("mean dim", hash(r.mean(0)));
        d.put("logsoftmax", hash(r.sub(r.logsumexp(1))));
        d.put("softmax", hash(r.sub(r.logsumexp(1)).apply(UnaryOp.EXP, 0, 0)));
        Tensor vals = Tensor.zeros(CPU, DType.F32, 33, 1), idx = Tensor.zeros(CPU, DType.I32, 33, 1);
        CPU.argReduce(true, vals, idx, r, 1);
        d.put("argmax", hash(vals) ^ hash(idx));
        int[][] shapes = {{37, 1, 300}, {1, 45, 300}, {40, 10, 300}, {40, 3, 700}, {10, 200, 64}, {12, 90, 1000},
            {70, 50, 130}, {48, 64, 100}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                Tensor a = (t & 1) == 0 ? input(10, 1, false, s[0], s[2]) : input(10, 1, false, s[2], s[0]).t();
                Tensor b = (t & 2) == 0 ? input(11, 1, false, s[2], s[1]) : input(11, 1, false, s[1], s[2]).t();
                Tensor c = input(12, 1, false, s[0], s[1]);
                CPU.gemm(1.5, a, b, 0.5, c);
                d.put("gemm " + s[0] + "x" + s[1] + "x" + s[2] + " t" + t, hash(c));
            }
        }
        conv(d);
        channels(d);
        pool(d);
        recurrent(d);
        attention(d);
        MemoryKernelDigest.put(d);
        return d;
    }

    /** gemmBatched in each transpose case (one split over threads, one with a row tail), softmax with a mask, backward. */
    static void attention(Map<String, Long> d) {
        int[][] shapes = {{16, 64, 64, 32}, {3, 13, 37, 9}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                Tensor a = (t & 1) == 0 ? input(20, 1, false, s[0], s[1], s[3])
                        : input(20, 1, false, s[0], s[3], s[1]).transpose(1, 2);
                Tensor b = (t & 2) == 0 ? input(21, 1, false, s[0], s[3], s[2])
                        : input(21, 1, false, s[0], s[2], s[3]).transpose(1, 2);
                Tensor c = input(22, 1, false, s[0], s[1], s[2]);
                CPU.gemmBatched(1.5, a, b, t == 3 ? 0.5 : 0, c);
                d.put("gemmBatched " + s[0] + "x" + s[1] + "x" + s[2] + "x" + s[3] + " t" + t, hash(c));
            }
        }
        Tensor x = input(23, 4, true, 6, 4, 33, 35), bias = input(24, 1, false, 6, 1, 33, 35);
        bias = Tensor.where(bias.lt(-0.6), Tensor.zeros(CPU, DType.F32, 1).fillInPlace(Double.NEGATIVE_INFINITY),
                Tensor.zeros(CPU, DType.F32, 1)).expand(6, 4, 33, 35);
        Tensor p = Tensor.zeros(CPU, DType.F32, 6, 4, 33, 35);
        CPU.softmax(p, x, bias);
        d.put("softmax masked", hash(p));
        Tensor g = input(25, 1, false, 6, 4, 33, 35);
        CPU.softmaxBackward(g, g, p);
        d.put("softmax backward", hash(g));
        Tensor qkv = input(26, 1, false, 24, 3, 3, 4, 16);                       // [T, B, 3, H, dh] as attention's heads
        Tensor[] h = new Tensor[3], dh = new Tensor[3];
        Tensor dqkv = Tensor.zeros(CPU, DType.F32, 24, 3, 3, 4, 16);
        for (int i = 0; i < 3; i++) {
            h[i] = qkv.select(2, i).permute(1, 2, 0, 3);
            dh[i] = dqkv.select(2, i).permute(1, 2, 0, 3);
        }
        Tensor w = Tensor.zeros(CPU, DType.F32, 3, 4, 24, 24), ctx = Tensor.zeros(CPU, DType.F32, 3, 4, 24, 16);
        Tensor mask = Tensor.where(input(27, 1, false, 3, 1, 24, 24).lt(-0.9),
                Tensor.zeros(CPU, DType.F32, 1).fillInPlace(Double.NEGATIVE_INFINITY), Tensor.zeros(CPU, DType.F32, 1));
        CPU.attention(h[0], h[1], h[2], mask.expand(3, 4, 24, 24), 0.25, w, ctx);
        d.put("attention", hash(w) ^ hash(ctx));
        CPU.attentionBackward(h[0], h[1], h[2], w, input(28, 1, false, 3, 4, 24, 16), 0.25,
                Tensor.zeros(CPU, DType.F32, 3, 4, 24, 24), dh[0], dh[1], dh[2]);
        d.put("attention backward", hash(dqkv));
    }

    /**
     * The fused recurrent kernels through the modules: a bidirectional LSTM, a GRU and a ReLU RNN (H = 19: vector
     * lanes and tails; a padded row), forward and backward. Small: the -Xint child runs them too.
     */
    private static void recurrent(Map<String, Long> d) {
        Tensor x = input(30, 1, false, 3, 5, 3);
        x.select(0, 2).select(0, 4).fillInPlace(0);
        jtorch.tensor.Generator.manualSeed(7);
        jtorch.nn.rnn.FusedRecurrent[] ms = {new jtorch.nn.rnn.LSTM(3, 19, 1, true, 0, true).maskZero(true),
            new jtorch.nn.rnn.GRU(3, 19, 1, true, 0, false).maskZero(true), new jtorch.nn.rnn.RNN(3, 19, 1, true, 0, false, true)};
        for (jtorch.nn.rnn.FusedRecurrent m : ms) {
            Tensor y = (Tensor) m.forward(x);
            Tensor gx = (Tensor) m.backward(x, input(31, 1, false, y.sizes()));
            d.put(m.name() + " forward", hash(y));
            d.put(m.name() + " backward", hash(gx) * 31 + hash(m.parameters().gradients().get(1)));
        }
    }

    /** 2×2 stride-2 max pooling (rows of 12 outputs and narrow planes of 4), forward and backward. */
    private static void pool(Map<String, Long> d) {
        jtorch.backend.Pool p = jtorch.backend.Pool.of(jtorch.backend.Pool.Kind.MAX, new int[] {1, 2, 2}, new int[] {1, 2, 2},
                new int[3], new int[] {1, 1, 1}, false, 0);
        for (int s : new int[] {24, 9}) {
            Tensor x = input(25, 1, true, 3, 5, 1, s, s);
            int o = s / 2;
            Tensor y = Tensor.zeros(CPU, DType.F32, 3, 5, 1, o, o), ix = Tensor.zeros(CPU, DType.I32, 3, 5, 1, o, o);
            Tensor gy = input(26, 1, false, 3, 5, 1, o, o), gx = x.zerosLike();
            CPU.pool(p, y, ix, x);
            CPU.poolBackward(p, gx, gy, ix, x, y);
            d.put("maxpool 2x2 " + s + " forward", hash(y) * 31 + java.util.Arrays.hashCode(ix.toIntArray()));
            d.put("maxpool 2x2 " + s + " backward", hash(gx));
        }
    }

    /** Convolution forward, backward-input and backward-weight: LeNet's second layer (batch 4: split), a strided,
     *  padded, dilated depthwise one, a 1-d one, and a stride-1 grouped one with odd channel counts and batch 9 (the
     *  direct kernels, as LeNet's second layer), and a 4×4 stride-2 one (DCGAN's: several samples per column tile, the
     *  stride-phase im2col). */
    private static void conv(Map<String, Long> d) {
        int[][] p = {{4, 6, 16, 12, 12, 5, 5, 1, 1, 0, 0, 1, 1, 1}, {2, 4, 8, 9, 11, 3, 3, 2, 1, 1, 2, 2, 1, 4},
            {3, 4, 6, 1, 13, 1, 3, 1, 2, 0, 1, 1, 2, 2}, {9, 6, 9, 7, 11, 2, 3, 1, 1, 1, 0, 1, 2, 3},
            {7, 8, 6, 9, 10, 4, 4, 2, 2, 1, 1, 1, 1, 1}};
        for (int[] c : p) {
            jtorch.backend.ConvSpec s = new jtorch.backend.ConvSpec(new int[] {c[5], c[6]}, new int[] {c[7], c[8]},
                    new int[] {c[9], c[10]}, new int[] {c[11], c[12]}, c[13]);
            int oh = s.outputSize(0, c[3]), ow = s.outputSize(1, c[4]);
            Tensor x = input(20, 1, false, c[0], c[1], c[3], c[4]), w = input(21, 1, false, c[2], c[1] / c[13], c[5], c[6]);
            Tensor b = input(22, 1, false, c[2]), gy = input(23, 1, false, c[0], c[2], oh, ow);
            Tensor y = Tensor.zeros(CPU, DType.F32, c[0], c[2], oh, ow), gx = x.zerosLike(), gw = input(24, 1, false, w.sizes());
            CPU.convForward(s, y, x, w, b);
            CPU.convBackwardInput(s, gx, gy, w);
            CPU.convBackwardWeight(s, gw, gy, x, 0.5);
            String name = "conv " + java.util.Arrays.toString(c);
            d.put(name + " forward", hash(y));
            d.put(name + " backward input", hash(gx));
            d.put(name + " backward weight", hash(gw));
        }
    }

    /** The batch-norm channel kernels on [6, 5, 20] and [4, 3, 1]. */
    private static void channels(Map<String, Long> d) {
        for (int[] s : new int[][] {{6, 5, 20}, {4, 3, 1}}) {
            Tensor x = input(25, 1, false, s), g = input(26, 1, false, s), a = input(27, 1, false, s[1]), k = input(28, 1, false, s[1]);
            Tensor mean = Tensor.zeros(CPU, DType.F32, s[1]), var = mean.zerosLike(), sg = mean.zerosLike(), sgx = mean.zerosLike();
            CPU.channelMoments(x, mean, var);
            CPU.channelDots(g, x, mean, sg, sgx);
            Tensor y = Tensor.zeros(CPU, DType.F32, s);
            CPU.channelAffine(y, g, a, k, x, mean);
            String name = "channels " + java.util.Arrays.toString(s);
            d.put(name + " moments", hash(mean) * 31 + hash(var));
            d.put(name + " dots", hash(sg) * 31 + hash(sgx));
            d.put(name + " affine", hash(y));
        }
    }

    private static Tensor reduce(ReduceOp op, Tensor in, int dim) {
        int[] s = in.sizes();
        s[dim] = 1;
        Tensor out = Tensor.zeros(CPU, DType.F32, s);
        CPU.reduce(op, out, in, dim);
        return out;
    }

    public static void main(String[] args) {
        for (var e : run().entrySet()) System.out.println(e.getKey() + "\t" + Long.toHexString(e.getValue()));
    }
}
