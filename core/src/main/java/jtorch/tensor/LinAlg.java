package jtorch.tensor;

import java.util.Arrays;

/** Matrix products behind {@link Tensor}; all go through {@link jtorch.backend.Backend#gemm}. */
final class LinAlg {
    private LinAlg() {}

    private static void need(String op, Tensor t, int rank, String what) {
        if (t.dim() != rank) throw new IllegalArgumentException(op + ": " + what + " must be " + rank
                + "-d, got shape " + Arrays.toString(t.sizes));
    }

    private static String shapes(Tensor a, Tensor b) {
        return Arrays.toString(a.sizes) + " and " + Arrays.toString(b.sizes);
    }

    static Tensor mm(Tensor a, Tensor b) {
        need("mm", a, 2, "first argument");
        need("mm", b, 2, "second argument");
        return addmm("mm", a.newZeros(a.sizes[0], b.sizes[1]), 0, 1, a, b);
    }

    /** c = beta · c + alpha · a · b. */
    static Tensor addmm(Tensor c, double beta, double alpha, Tensor a, Tensor b) { return addmm("addmm", c, beta, alpha, a, b); }

    /** c = beta · c + alpha · a · b; errors name {@code op}, the operation the user called. */
    private static Tensor addmm(String op, Tensor c, double beta, double alpha, Tensor a, Tensor b) {
        need(op, a, 2, "mat1");
        need(op, b, 2, "mat2");
        need(op, c, 2, "the accumulator");
        a.sameKind(op, b);
        c.sameKind(op, a);
        if (a.sizes[1] != b.sizes[0]) throw new IllegalArgumentException(op + ": shapes " + shapes(a, b)
                + " cannot be multiplied (" + a.sizes[1] + " != " + b.sizes[0] + ")");
        if (c.sizes[0] != a.sizes[0] || c.sizes[1] != b.sizes[1]) throw new IllegalArgumentException(op + ": accumulator "
                + Arrays.toString(c.sizes) + " does not match the product of " + shapes(a, b));
        c.checkWritable(op);
        // C[i][j] reads whole rows of A and columns of B: any overlap with C (even an identical view) needs a copy
        c.backend.gemm(alpha, Tensor.overlaps(a, c) ? a.clone() : a, Tensor.overlaps(b, c) ? b.clone() : b, beta, c);
        return c;
    }

    static Tensor mv(Tensor m, Tensor v) {
        need("mv", m, 2, "the matrix");
        return addmv("mv", m.newZeros(m.sizes[0]), 0, 1, m, v);
    }

    static Tensor addmv(Tensor y, double beta, double alpha, Tensor m, Tensor v) { return addmv("addmv", y, beta, alpha, m, v); }

    private static Tensor addmv(String op, Tensor y, double beta, double alpha, Tensor m, Tensor v) {
        need(op, m, 2, "the matrix");
        need(op, v, 1, "the vector");
        need(op, y, 1, "the accumulator");
        if (m.sizes[1] != v.sizes[0] || y.sizes[0] != m.sizes[0]) throw new IllegalArgumentException(op + ": shapes "
                + shapes(m, v) + " (accumulator " + Arrays.toString(y.sizes) + ") do not match");
        addmm(op, y.unsqueeze(1), beta, alpha, m, v.unsqueeze(1));
        return y;
    }

    static Tensor addr(Tensor m, double beta, double alpha, Tensor v1, Tensor v2) {
        need("addr", v1, 1, "vec1");
        need("addr", v2, 1, "vec2");
        need("addr", m, 2, "the accumulator");
        if (m.sizes[0] != v1.sizes[0] || m.sizes[1] != v2.sizes[0]) throw new IllegalArgumentException("addr: accumulator "
                + Arrays.toString(m.sizes) + " does not match the outer product of " + shapes(v1, v2));
        addmm("addr", m, beta, alpha, v1.unsqueeze(1), v2.unsqueeze(0));
        return m;
    }

    static Tensor bmm(Tensor a, Tensor b) {
        need("bmm", a, 3, "first argument");
        need("bmm", b, 3, "second argument");
        if (a.sizes[0] != b.sizes[0] || a.sizes[2] != b.sizes[1]) throw new IllegalArgumentException("bmm: shapes "
                + shapes(a, b) + " do not match ([B, m, k] and [B, k, n])");
        Tensor out = a.newZeros(a.sizes[0], a.sizes[1], b.sizes[2]);
        a.sameKind("bmm", b);
        for (int i = 0; i < a.sizes[0]; i++) addmm("bmm", out.select(0, i), 0, 1, a.select(0, i), b.select(0, i));
        return out;
    }

    static double dot(Tensor a, Tensor b) {
        need("dot", a, 1, "first argument");
        need("dot", b, 1, "second argument");
        if (a.sizes[0] != b.sizes[0]) throw new IllegalArgumentException("dot: shapes " + shapes(a, b) + " differ");
        Tensor out = a.newZeros(1, 1);
        addmm("dot", out, 0, 1, a.unsqueeze(0), b.unsqueeze(1));
        return out.item();
    }
}
