package jtorch.autograd;

import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * A value of define-by-run automatic differentiation: a {@link Tensor} and, when it {@link #requiresGrad()}, the
 * operation that produced it. Operations on vars ({@code x.mm(w).add(b).tanh().sum()}) compute at once and record
 * themselves; {@link #backward()} then runs the recorded graph in reverse and adds ∂this/∂leaf into the
 * {@link #grad()} of every leaf that requires grad ({@link #param}). Control flow is plain Java: the graph is whatever
 * the code did this time.
 * <ul>
 *   <li>Element-wise operations broadcast as {@link Tensor}'s do; an operand's gradient is summed back to its shape.</li>
 *   <li>Views ({@link #view}, {@link #narrow}, {@link #transpose}, …) share storage with their operand, as the
 *       tensor views do. A var's value must not be changed in place while its graph is alive (the backward functions
 *       read the saved values); gradients passed between operations are read-only.</li>
 *   <li>{@link #backward()} frees the graph (saved tensors, links) as it goes; a second backward through it throws
 *       unless the first was {@code backward(gradient, true)} (retainGraph).</li>
 *   <li>Inside {@link Autograd#noGrad()} nothing is recorded: results are constants.</li>
 * </ul>
 * The operations and their gradient formulas are listed, by family, in the package's op classes: element-wise
 * (unary, binary), reductions, matrix products, views, indexing, joining, softmax; see {@link Autograd} for modules,
 * criteria and user-defined functions inside autograd code.
 */
public final class Var {
    final Tensor value;
    private final boolean requiresGrad;
    Node node;
    int slot;
    Tensor grad;
    /** Whether {@link #grad} is this var's own tensor (else borrowed from the reverse pass, read-only). */
    boolean gradOwned;
    /** Set for leaves whose gradient is read once right after the pass (no defensive copy). */
    boolean borrowGrad;
    /** When set (a leaf of an AutogradModule inside Module.backward): gradients go straight into sink += scale · g. */
    Tensor sink;
    double sinkScale;

    private Var(Tensor value, boolean requiresGrad, Node node, int slot) {
        if (value == null) throw new IllegalArgumentException("Var: null tensor");
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = node;
        this.slot = slot;
    }

    /** A constant: no gradient is computed for it. */
    public static Var of(Tensor value) { return new Var(value, false, null, 0); }

    /** A leaf whose gradient is accumulated into {@link #grad()} by {@link #backward()} (PyTorch's requires_grad). */
    public static Var param(Tensor value) {
        if (value.dtype() == DType.I32) throw new IllegalArgumentException("Var.param: an I32 tensor has no gradient");
        return new Var(value, true, null, 0);
    }

    /** A constant 0-d value in {@code like}'s dtype and back end. */
    public static Var scalar(double v, Var like) { return of(like.value.newZeros().fillInPlace(v)); }

    /** The result of an operation: recorded when grad mode is on and an input requires grad, else a constant. */
    static Var make(String op, Tensor value, Node.Grad grad, Var... inputs) {
        if (!recorded(inputs)) return of(value);
        return new Var(value, true, new Node(op, inputs, grad, value.sizes()), 0);
    }

    /**
     * The outputs of an operation with several outputs, recorded (or not) as {@link #make}; {@code always}: recorded
     * even when no input requires grad (a module with parameters), though not under noGrad.
     */
    static Var[] makeAll(String op, Tensor[] values, Node.MultiGrad grad, boolean always, Var... inputs) {
        Var[] out = new Var[values.length];
        if (!(recorded(inputs) || always && GradMode.isEnabled())) {
            for (int i = 0; i < values.length; i++) out[i] = of(values[i]);
            return out;
        }
        int[][] sizes = new int[values.length][];
        for (int i = 0; i < values.length; i++) sizes[i] = values[i].sizes();
        Node n = new Node(op, inputs, grad, sizes);
        for (int i = 0; i < values.length; i++) out[i] = new Var(values[i], true, n, i);
        return out;
    }

    static boolean recorded(Var... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Var v : inputs) if (v != null && v.requiresGrad) return true;
        return false;
    }

    /** The tensor (do not modify it in place while its graph is alive). */
    public Tensor value() { return value; }

    /** The accumulated gradient of a leaf ({@link #param}), null before the first backward. */
    public Tensor grad() { return grad; }

    /** Sets a leaf's gradient to null (the next backward starts from zero). */
    public Var zeroGrad() {
        grad = null;
        gradOwned = false;
        return this;
    }

    public boolean requiresGrad() { return requiresGrad; }

    /** True when this var was not produced by a recorded operation (a constant or a {@link #param}). */
    public boolean isLeaf() { return node == null; }

    /** The same tensor as a constant, cut from the graph (PyTorch's {@code detach}). */
    public Var detach() { return of(value); }

    /** The operation that produced this var ("leaf" for a leaf). */
    public String op() { return node == null ? "leaf" : node.op; }

    public int[] sizes() { return value.sizes(); }

    public int size(int dim) { return value.size(dim); }

    public int dim() { return value.dim(); }

    /** The only element. */
    public double item() { return value.item(); }

    /** ∂this/∂leaves for a one-element value (gradient 1), freeing the graph. */
    public void backward() {
        if (value.numel() != 1) throw new IllegalArgumentException("backward(): the value has shape " + value.shape()
                + "; without a gradient only a one-element value can start backward (pass backward(gradient))");
        backward(value.newZeros(value.sizes()).fillInPlace(1), false);
    }

    /** Backward from ∂L/∂this = {@code gradient} (this var's shape), freeing the graph. */
    public void backward(Tensor gradient) { backward(gradient, false); }

    /** Backward from {@code gradient}; with {@code retainGraph} the graph stays usable for another backward. */
    public void backward(Tensor gradient, boolean retainGraph) { Engine.backward(this, gradient, retainGraph); }

    // ------------------------------------------------------------------ element-wise (Pointwise, Arithmetic)

    public Var neg() { return Pointwise.neg(this); }
    public Var abs() { return Pointwise.abs(this); }
    public Var exp() { return Pointwise.exp(this); }
    public Var log() { return Pointwise.log(this); }
    public Var sqrt() { return Pointwise.sqrt(this); }
    public Var tanh() { return Pointwise.tanh(this); }
    public Var sigmoid() { return Pointwise.sigmoid(this); }
    public Var relu() { return Pointwise.relu(this); }
    public Var square() { return Pointwise.square(this); }
    public Var reciprocal() { return Pointwise.reciprocal(this); }
    public Var pow(double p) { return Pointwise.pow(this, p); }
    public Var add(double s) { return Pointwise.add(this, s); }
    public Var sub(double s) { return Pointwise.add(this, -s); }
    public Var mul(double s) { return Pointwise.mul(this, s); }
    public Var div(double s) { return Pointwise.div(this, s); }
    /** min(max(x, lo), hi). */
    public Var clamp(double lo, double hi) { return Pointwise.clamp(this, lo, hi); }
    public Var add(Var y) { return Arithmetic.add(this, 1, y); }
    /** this + alpha · y. */
    public Var add(double alpha, Var y) { return Arithmetic.add(this, alpha, y); }
    public Var sub(Var y) { return Arithmetic.sub(this, y); }
    public Var mul(Var y) { return Arithmetic.mul(this, y); }
    public Var div(Var y) { return Arithmetic.div(this, y); }
    public Var pow(Var y) { return Arithmetic.pow(this, y); }
    public Var maximum(Var y) { return Arithmetic.extremum(this, y, true); }
    public Var minimum(Var y) { return Arithmetic.extremum(this, y, false); }
    /** a where cond is non-zero, else b (broadcast); cond is a constant tensor. */
    public static Var where(Tensor cond, Var a, Var b) { return Arithmetic.where(cond, a, b); }

    // ------------------------------------------------------------------ reductions (Reduce)

    /** Σ of all elements, 0-d. */
    public Var sum() { return Reduce.all(this, v -> Reduce.sum(v, 0, false)); }
    public Var sum(int dim, boolean keepDim) { return Reduce.sum(this, dim, keepDim); }
    /** Mean of all elements, 0-d. */
    public Var mean() { return Reduce.all(this, v -> Reduce.mean(v, 0, false)); }
    public Var mean(int dim, boolean keepDim) { return Reduce.mean(this, dim, keepDim); }
    /** Largest element, 0-d. */
    public Var max() { return Reduce.all(this, v -> Reduce.extreme(v, 0, false, true).values()); }
    public Var min() { return Reduce.all(this, v -> Reduce.extreme(v, 0, false, false).values()); }
    /** Largest values along dim and their I32 indices. */
    public MaxMin max(int dim, boolean keepDim) { return Reduce.extreme(this, dim, keepDim, true); }
    public MaxMin min(int dim, boolean keepDim) { return Reduce.extreme(this, dim, keepDim, false); }
    public Var logsumexp() { return Reduce.all(this, v -> Reduce.logsumexp(v, 0, false)); }
    public Var logsumexp(int dim, boolean keepDim) { return Reduce.logsumexp(this, dim, keepDim); }
    /** Variance of all elements (unbiased), 0-d. */
    public Var var() { return Reduce.all(this, v -> Reduce.var(v, 0, true, false)); }
    public Var var(int dim, boolean unbiased, boolean keepDim) { return Reduce.var(this, dim, unbiased, keepDim); }
    /** p-norm of all elements, 0-d. */
    public Var norm(double p) { return Reduce.all(this, v -> Reduce.norm(v, p, 0, false)); }
    public Var norm(double p, int dim, boolean keepDim) { return Reduce.norm(this, p, dim, keepDim); }

    // ------------------------------------------------------------------ matrix products (Products)

    public Var mm(Var b) { return Products.mm(this, b); }
    public Var bmm(Var b) { return Products.bmm(this, b); }
    public Var mv(Var v) { return Products.mv(this, v); }
    /** beta · c + alpha · a · b, c broadcast to [m, n]. */
    public static Var addmm(Var c, Var a, Var b, double beta, double alpha) { return Products.addmm(c, a, b, beta, alpha); }
    /** x · wᵀ + b for x [B, in], w [out, in], b [out] (or null): PyTorch's F.linear, fused. */
    public static Var linear(Var x, Var w, Var b) { return Products.linear(x, w, b); }

    // ------------------------------------------------------------------ views (Shaping)

    public Var view(int... sizes) { return Shaping.view(this, sizes); }
    public Var reshape(int... sizes) { return Shaping.reshape(this, sizes); }
    public Var narrow(int dim, int start, int length) { return Shaping.narrow(this, dim, start, length); }
    public Var select(int dim, int index) { return Shaping.select(this, dim, index); }
    public Var transpose(int d0, int d1) { return Shaping.transpose(this, d0, d1); }
    public Var t() {
        if (value.dim() != 2) throw new IllegalArgumentException("t: expected a 2-d value, got " + value.shape());
        return Shaping.transpose(this, 0, 1);
    }
    public Var permute(int... order) { return Shaping.permute(this, order); }
    public Var expand(int... sizes) { return Shaping.expand(this, sizes); }
    public Var squeeze() { return Shaping.squeeze(this, -1); }
    public Var squeeze(int dim) {
        if (dim < 0 || dim >= value.dim()) throw new IllegalArgumentException("squeeze: dimension " + dim
                + " out of range for a value of shape " + value.shape());
        return Shaping.squeeze(this, dim);
    }
    public Var unsqueeze(int dim) { return Shaping.unsqueeze(this, dim); }
    public Var contiguous() { return Shaping.contiguous(this); }

    // ------------------------------------------------------------------ indexing, joining, softmax

    /** Slices along dim at the I32 indices. */
    public Var indexSelect(int dim, Tensor index) { return Indexed.indexSelect(this, dim, index); }
    public Var gather(int dim, Tensor index) { return Indexed.gather(this, dim, index); }
    /** A copy of this with src added at the I32 indices along dim. */
    public Var scatterAdd(int dim, Tensor index, Var src) { return Indexed.scatterAdd(this, dim, index, src); }
    public static Var cat(int dim, Var... xs) { return Joining.cat(dim, xs); }
    public static Var stack(int dim, Var... xs) { return Joining.stack(dim, xs); }
    public Var softmax(int dim) { return Softmax.softmax(this, dim); }
    public Var logSoftmax(int dim) { return Softmax.logSoftmax(this, dim); }

    /** {@code m} applied to this value with m's own forward and backward ({@link Autograd#call}). */
    public Var apply(Module m) { return ModuleCall.call(m, this); }

    /**
     * What {@link #max(int, boolean)} and {@link #min(int, boolean)} return.
     *
     * @param values  the extreme values (a var; its gradient goes to the element each index names)
     * @param indices I32 positions of the first extreme element along the dimension (a constant)
     */
    public record MaxMin(Var values, Tensor indices) {}

    @Override public String toString() {
        return "Var(" + op() + (requiresGrad ? ", requires grad" : "") + ") " + value;
    }
}
