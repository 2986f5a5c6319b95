package jtorch.autograd;

import static jtorch.autograd.Broadcast.sumTo;

import jtorch.tensor.Tensor;

/**
 * Matrix products and their gradients, with g = ∂L/∂y:
 * mm y = a·b [m, n]: (g·bᵀ, aᵀ·g); bmm per batch the same; mv y = m·v: (g ⊗ v, mᵀ·g);
 * addmm y = β·c + α·a·b (c broadcast to [m, n]): (β·g summed to c's shape, α·g·bᵀ, α·aᵀ·g);
 * linear y = x·wᵀ + b (PyTorch's {@code F.linear}; x [B, in], w [out, in], b [out] or null):
 * (g·w, gᵀ·x, Σ_batch g).
 */
final class Products {
    private Products() {}

    private static void rank(String op, Var v, int rank, String what) {
        if (v.value.dim() != rank) throw new IllegalArgumentException(op + ": " + what + " must be " + rank + "-d, got "
                + v.value.shape());
    }

    /** True for a 2-d view laid out column by column (a transposed contiguous matrix, e.g. {@code w.t()}). */
    private static boolean columnMajor(Tensor t) {
        return t.size(0) > 1 && t.size(1) > 1 && t.stride(0) == 1 && t.stride(1) == t.size(0);
    }

    /**
     * p · q in the memory layout of {@code like}: for a column-major operand (x.mm(w.t())) the gradient is computed
     * as (qᵀ · pᵀ)ᵀ, so that the transpose's own backward hands w a contiguous gradient instead of a strided one.
     */
    static Tensor product(Tensor p, Tensor q, Tensor like) {
        return columnMajor(like) ? q.t().mm(p.t()).t() : p.mm(q);
    }

    static Var mm(Var a, Var b) {
        rank("mm", a, 2, "the first operand");
        rank("mm", b, 2, "the second operand");
        return Var.make("mm", a.value.mm(b.value), g -> new Tensor[] {
                a.requiresGrad() ? product(g, b.value.t(), a.value) : null,
                b.requiresGrad() ? product(a.value.t(), g, b.value) : null}, a, b);
    }

    static Var bmm(Var a, Var b) {
        rank("bmm", a, 3, "the first operand");
        rank("bmm", b, 3, "the second operand");
        return Var.make("bmm", a.value.bmm(b.value), g -> new Tensor[] {
                a.requiresGrad() ? g.bmm(b.value.transpose(1, 2)) : null,
                b.requiresGrad() ? a.value.transpose(1, 2).bmm(g) : null}, a, b);
    }

    static Var mv(Var m, Var v) {
        rank("mv", m, 2, "the matrix");
        rank("mv", v, 1, "the vector");
        return Var.make("mv", m.value.mv(v.value), g -> new Tensor[] {
                m.requiresGrad() ? g.unsqueeze(1).mm(v.value.unsqueeze(0)) : null,
                v.requiresGrad() ? m.value.t().mv(g) : null}, m, v);
    }

    static Var addmm(Var c, Var a, Var b, double beta, double alpha) {
        rank("addmm", a, 2, "the first factor");
        rank("addmm", b, 2, "the second factor");
        int m = a.value.size(0), n = b.value.size(1);
        Tensor y = c.value.expand(m, n).addmm(beta, alpha, a.value, b.value);
        return Var.make("addmm", y, g -> new Tensor[] {
                c.requiresGrad() ? sumTo(beta == 1 ? g : g.mul(beta), c.value.sizes()) : null,
                a.requiresGrad() ? scaled(product(g, b.value.t(), a.value), alpha) : null,
                b.requiresGrad() ? scaled(product(a.value.t(), g, b.value), alpha) : null}, c, a, b);
    }

    /** gᵀ · x, or (for a leaf with a gradient sink) added straight into the sink, returning null. */
    private static Tensor weightGrad(Var w, Tensor g, Tensor x) {
        if (w.sink == null) return g.t().mm(x);
        w.sink.addmmInPlace(1, w.sinkScale, g.t(), x);
        return null;
    }

    private static Tensor scaled(Tensor t, double alpha) { return alpha == 1 ? t : t.mul(alpha); }

    static Var linear(Var x, Var w, Var b) {
        rank("linear", x, 2, "the input");
        rank("linear", w, 2, "the weight");
        if (x.value.size(1) != w.value.size(1)) throw new IllegalArgumentException("linear: input " + x.value.shape()
                + " and weight " + w.value.shape() + " disagree in the input size");
        int batch = x.value.size(0), out = w.value.size(0);
        Tensor y = x.value.newZeros(batch, out);
        if (b != null) y.copy(b.value.expand(batch, out));
        y.addmmInPlace(b == null ? 0 : 1, 1, x.value, w.value.t());
        Node.Grad grad = g -> new Tensor[] {x.requiresGrad() ? g.mm(w.value) : null,
                w.requiresGrad() ? weightGrad(w, g, x.value) : null,
                b != null && b.requiresGrad() ? g.sum(0, false) : null};
        return b == null ? Var.make("linear", y, grad, x, w, null) : Var.make("linear", y, grad, x, w, b);
    }
}
