package jtorch.tensor;

import java.util.Arrays;
import jtorch.backend.Backend;
import jtorch.backend.Backends;
import jtorch.backend.BinaryOp;
import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;

/**
 * An N-d array: a {@link Storage}, an offset into it, sizes and strides (in elements), and the {@link Backend} that
 * computes on it. Views ({@link #view}, {@link #narrow}, {@link #select}, {@link #transpose}, {@link #permute},
 * {@link #expand}, {@link #unsqueeze}, {@link #squeeze}) share storage; everything else returns a new tensor unless its
 * name ends in {@code InPlace} or it is given an {@code out} tensor.
 * <p>Element-wise binary operations broadcast as NumPy/Torch do (see {@link Shape#broadcast}); both operands must have
 * the same dtype and back end. Reductions along a dimension keep it with size 1 (as Torch7 does) unless {@code keepDim}
 * is false; reductions over all elements return a {@code double} (as Torch7's {@code t:sum()}).
 * <p>Shape errors throw {@link IllegalArgumentException} naming the operation and the shapes.
 */
public final class Tensor implements Activity {
    // not final: set(Tensor) re-points a tensor (Torch7's x:set(y)), which getParameters() relies on
    Storage storage;
    Backend backend;
    int offset;
    int[] sizes;
    int[] strides;

    /** A tensor over existing storage; for back ends and views. Sizes and strides are not copied. */
    public Tensor(Backend backend, Storage storage, int offset, int[] sizes, int[] strides) {
        if (sizes.length != strides.length) throw new IllegalArgumentException("sizes " + Arrays.toString(sizes)
                + " and strides " + Arrays.toString(strides) + " differ in rank");
        this.backend = backend; this.storage = storage; this.offset = offset; this.sizes = sizes; this.strides = strides;
    }

    // ------------------------------------------------------------------ creation (see Factory for the rest)

    /** A new zero-filled contiguous tensor on {@code backend}. */
    public static Tensor zeros(Backend backend, DType dtype, int... sizes) {
        int[] s = sizes.clone();
        return new Tensor(backend, backend.allocate(dtype, Shape.numel(s)), 0, s, Shape.contiguousStrides(s));
    }

    /** Zero-filled F32 tensor on the default back end. */
    public static Tensor zeros(int... sizes) { return zeros(Backends.getDefault(), DType.F32, sizes); }

    public static Tensor zeros(DType dtype, int... sizes) { return zeros(Backends.getDefault(), dtype, sizes); }

    public static Tensor ones(int... sizes) { return full(DType.F32, 1, sizes); }

    public static Tensor ones(DType dtype, int... sizes) { return full(dtype, 1, sizes); }

    public static Tensor full(DType dtype, double value, int... sizes) { return zeros(dtype, sizes).fillInPlace(value); }

    /** A 0-d tensor holding {@code v}. */
    public static Tensor scalar(DType dtype, double v) { return full(dtype, v, new int[0]); }

    /** start, start + step, ... while strictly below {@code end} (above it for a negative step), F32. */
    public static Tensor arange(double start, double end, double step) { return Factory.arange(DType.F32, start, end, step); }

    public static Tensor arange(DType dtype, double start, double end, double step) { return Factory.arange(dtype, start, end, step); }

    /** {@code steps} evenly spaced values from start to end inclusive (just start when steps is 1), F32. */
    public static Tensor linspace(double start, double end, int steps) { return Factory.linspace(DType.F32, start, end, steps); }

    public static Tensor linspace(DType dtype, double start, double end, int steps) { return Factory.linspace(dtype, start, end, steps); }

    /** A copy of {@code data} with the given sizes (all of data when sizes is empty: 1-d). */
    public static Tensor of(float[] data, int... sizes) { return Factory.of(HeapStorage.wrap(data.clone()), sizes); }

    public static Tensor of(double[] data, int... sizes) { return Factory.of(HeapStorage.wrap(data.clone()), sizes); }

    public static Tensor of(int[] data, int... sizes) { return Factory.of(HeapStorage.wrap(data.clone()), sizes); }

    /** A [rows, cols] F32 copy of a rectangular Java matrix. */
    public static Tensor of(float[][] rows) { return Factory.of(rows); }

    /** Uniform in [0, 1). */
    public static Tensor rand(Generator g, int... sizes) { return Factory.random(DType.F32, g, 0, 0, sizes); }

    public static Tensor rand(DType dtype, Generator g, int... sizes) { return Factory.random(dtype, g, 0, 0, sizes); }

    /** Standard normal. */
    public static Tensor randn(Generator g, int... sizes) { return Factory.random(DType.F32, g, 1, 0, sizes); }

    public static Tensor randn(DType dtype, Generator g, int... sizes) { return Factory.random(dtype, g, 1, 0, sizes); }

    /** 1 with probability p, else 0. */
    public static Tensor bernoulli(Generator g, double p, int... sizes) { return Factory.random(DType.F32, g, 2, p, sizes); }

    public static Tensor bernoulli(DType dtype, Generator g, double p, int... sizes) { return Factory.random(dtype, g, 2, p, sizes); }

    /** A new zero tensor with this tensor's dtype and back end. */
    public Tensor newZeros(int... sizes) { return zeros(backend, dtype(), sizes); }

    /** A new zero tensor with this tensor's shape, dtype and back end. */
    public Tensor zerosLike() { return newZeros(sizes); }

    // ------------------------------------------------------------------ metadata

    public DType dtype() { return storage.dtype(); }

    public Backend backend() { return backend; }

    public Storage storage() { return storage; }

    /** Offset of element [0, ..., 0] in the storage. */
    public int offset() { return offset; }

    public int dim() { return sizes.length; }

    public int size(int dim) { return sizes[checkDim("size", dim, sizes.length)]; }

    public int stride(int dim) { return strides[checkDim("stride", dim, sizes.length)]; }

    /** A copy of the sizes. */
    public int[] sizes() { return sizes.clone(); }

    /** A copy of the strides. */
    public int[] strides() { return strides.clone(); }

    public Shape shape() { return new Shape(sizes); }

    public int numel() { return Shape.numel(sizes); }

    /**
     * True when the elements are laid out in row-major order with no gaps (size-1 dimensions may have any stride; a
     * tensor with no elements is always contiguous).
     */
    public boolean isContiguous() {
        if (numel() == 0) return true;
        int expected = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            if (sizes[i] == 1) continue;
            if (strides[i] != expected) return false;
            expected *= sizes[i];
        }
        return true;
    }

    /** True when both tensors have the same sizes. */
    public boolean sameShape(Tensor o) { return Arrays.equals(sizes, o.sizes); }

    // ------------------------------------------------------------------ views

    /** Same data with new sizes (one may be -1: inferred). Needs a contiguous tensor; see {@link #reshape}. */
    public Tensor view(int... newSizes) {
        int[] s = Views.inferSize("view", sizes, newSizes);
        if (!isContiguous()) throw new IllegalArgumentException("view: tensor of shape " + Arrays.toString(sizes)
                + " with strides " + Arrays.toString(strides) + " is not contiguous; use reshape() or contiguous().view()");
        return new Tensor(backend, storage, offset, s, Shape.contiguousStrides(s));
    }

    /** Like {@link #view}, copying first when the tensor is not contiguous. */
    public Tensor reshape(int... newSizes) { return isContiguous() ? view(newSizes) : contiguous().view(newSizes); }

    /** Elements {@code start .. start+length-1} along {@code dim}. */
    public Tensor narrow(int dim, int start, int length) { return Views.narrow(this, dim, start, length); }

    /** The slice at {@code index} along {@code dim}; the result has one dimension fewer. */
    public Tensor select(int dim, int index) { return Views.select(this, dim, index); }

    /** Swaps two dimensions. */
    public Tensor transpose(int d0, int d1) { return Views.transpose(this, d0, d1); }

    /** Transpose of a 2-d tensor. */
    public Tensor t() {
        if (dim() != 2) throw new IllegalArgumentException("t: expected a 2-d tensor, got shape " + Arrays.toString(sizes));
        return transpose(0, 1);
    }

    /** Reorders dimensions: result dimension i is this tensor's dimension {@code order[i]}. */
    public Tensor permute(int... order) { return Views.permute(this, order); }

    /** Broadcasts size-1 dimensions (stride 0) and prepends new ones; -1 keeps a size. No copy. */
    public Tensor expand(int... newSizes) { return Views.expand(this, newSizes); }

    public Tensor expandAs(Tensor other) { return expand(other.sizes); }

    /** Inserts a size-1 dimension at {@code dim} (0..dim()). */
    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }

    /** Removes every size-1 dimension. */
    public Tensor squeeze() { return Views.squeeze(this, -1); }

    /** Removes {@code dim} if its size is 1; otherwise returns this tensor unchanged (as Torch). */
    public Tensor squeeze(int dim) { return Views.squeeze(this, checkDim("squeeze", dim, sizes.length)); }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() { return isContiguous() ? this : clone(); }

    /**
     * Makes this tensor a view of {@code src}'s storage with src's offset, sizes and strides (Torch7's {@code x:set(y)}):
     * every holder of this tensor object now sees src's elements. Returns this.
     */
    public Tensor set(Tensor src) {
        storage = src.storage; backend = src.backend; offset = src.offset;
        sizes = src.sizes.clone(); strides = src.strides.clone();
        return this;
    }

    /** A contiguous copy with its own storage. */
    @Override public Tensor clone() { return zerosLike().copy(this); }

    /** Copies {@code src} (broadcast to this shape, converted to this dtype) into this tensor; returns this. */
    public Tensor copy(Tensor src) {
        sameBackend("copy", src);
        checkWritable("copy");
        backend.copy(this, src.sizesEqual(sizes) ? src : src.expandTo("copy", sizes));
        return this;
    }

    /** A contiguous copy converted to {@code dtype} (this tensor when the dtype already matches). */
    public Tensor to(DType dtype) { return dtype == dtype() ? this : zeros(backend, dtype, sizes).copy(this); }

    /**
     * This tensor on another back end. Heap back ends (ref, cpu) share storage, so this is a new view, not a copy.
     */
    public Tensor to(Backend target) {
        if (target == backend) return this;
        if (storage instanceof HeapStorage && target.allocate(dtype(), 0) instanceof HeapStorage) {
            return new Tensor(target, storage, offset, sizes, strides);
        }
        throw new UnsupportedOperationException("to: moving from " + backend.name() + " to " + target.name()
                + " is not supported yet");
    }

    // ------------------------------------------------------------------ element access

    /** Element at the given indices, widened to double. */
    public double get(int... idx) { return heap("get").get(index("get", idx)); }

    /** Sets one element; returns this. */
    public Tensor set(double v, int... idx) { heap("set").set(index("set", idx), v); return this; }

    /** The only element of a one-element tensor. */
    public double item() {
        if (numel() != 1) throw new IllegalArgumentException("item: tensor of shape " + Arrays.toString(sizes)
                + " has " + numel() + " elements, not 1");
        return heap("item").get(offset);
    }

    /** The elements in row-major order as a new array (converting). */
    public float[] toFloatArray() { return to(DType.F32).contiguousCopy().floats(); }

    public double[] toDoubleArray() { return to(DType.F64).contiguousCopy().doubles(); }

    public int[] toIntArray() { return to(DType.I32).contiguousCopy().ints(); }

    private HeapStorage contiguousCopy() { return (HeapStorage) (isContiguous() && offset == 0
            && storage.length() == numel() ? clone() : contiguous().clone()).storage; }

    // ------------------------------------------------------------------ element-wise

    public Tensor fillInPlace(double v) { backend.fill(this, v); return this; }

    /** out = op(this, a, b) into a new tensor. */
    public Tensor apply(UnaryOp op, double a, double b) { return apply(op, a, b, zerosLike()); }

    /** out = op(this, a, b) into {@code out} (same shape); returns out. */
    public Tensor apply(UnaryOp op, double a, double b, Tensor out) {
        checkOut(OpNames.of(op), out, sizes);
        backend.unary(op, a, b, out, unaliased(this, out));
        return out;
    }

    /** this = op(this, a, b); returns this. */
    public Tensor applyInPlace(UnaryOp op, double a, double b) {
        checkWritable(OpNames.inPlace(op));
        backend.unary(op, a, b, this, this);
        return this;
    }

    /** op(this, y, alpha) broadcast, into a new tensor. */
    public Tensor apply(BinaryOp op, double alpha, Tensor y) {
        int[] s = Shape.broadcast(OpNames.of(op), sizes, y.sizes);
        return apply(op, alpha, y, newZeros(s));
    }

    /** op(this, y, alpha) broadcast, into {@code out} (the broadcast shape); returns out. */
    public Tensor apply(BinaryOp op, double alpha, Tensor y, Tensor out) {
        String name = OpNames.of(op);
        sameKind(name, y);
        int[] s = Shape.broadcast(name, sizes, y.sizes);
        checkOut(name, out, s);
        backend.binary(op, alpha, out, unaliased(this, out).expandTo(name, s), unaliased(y, out).expandTo(name, s));
        return out;
    }

    /** this = op(this, y, alpha) with y broadcast to this shape; returns this. */
    public Tensor applyInPlace(BinaryOp op, double alpha, Tensor y) {
        String name = OpNames.inPlace(op);
        sameKind(name, y);
        checkWritable(name);
        backend.binary(op, alpha, this, this, unaliased(y, this).expandTo(name, sizes));
        return this;
    }

    public Tensor add(Tensor y) { return apply(BinaryOp.ADD, 1, y); }
    public Tensor add(Tensor y, Tensor out) { return apply(BinaryOp.ADD, 1, y, out); }
    /** this + alpha * y (Torch7's {@code add(value, tensor)}). */
    public Tensor add(double alpha, Tensor y) { return apply(BinaryOp.ADD, alpha, y); }
    public Tensor addInPlace(Tensor y) { return applyInPlace(BinaryOp.ADD, 1, y); }
    public Tensor addInPlace(double alpha, Tensor y) { return applyInPlace(BinaryOp.ADD, alpha, y); }
    public Tensor sub(Tensor y) { return apply(BinaryOp.SUB, 1, y); }
    public Tensor sub(Tensor y, Tensor out) { return apply(BinaryOp.SUB, 1, y, out); }
    public Tensor subInPlace(Tensor y) { return applyInPlace(BinaryOp.SUB, 1, y); }
    public Tensor mul(Tensor y) { return apply(BinaryOp.MUL, 1, y); }
    public Tensor mul(Tensor y, Tensor out) { return apply(BinaryOp.MUL, 1, y, out); }
    public Tensor mulInPlace(Tensor y) { return applyInPlace(BinaryOp.MUL, 1, y); }
    public Tensor div(Tensor y) { return apply(BinaryOp.DIV, 1, y); }
    public Tensor div(Tensor y, Tensor out) { return apply(BinaryOp.DIV, 1, y, out); }
    public Tensor divInPlace(Tensor y) { return applyInPlace(BinaryOp.DIV, 1, y); }
    public Tensor pow(Tensor y) { return apply(BinaryOp.POW, 1, y); }
    public Tensor maximum(Tensor y) { return apply(BinaryOp.MAX, 1, y); }
    public Tensor minimum(Tensor y) { return apply(BinaryOp.MIN, 1, y); }
    public Tensor eq(Tensor y) { return apply(BinaryOp.EQ, 1, y); }
    public Tensor ne(Tensor y) { return apply(BinaryOp.NE, 1, y); }
    public Tensor lt(Tensor y) { return apply(BinaryOp.LT, 1, y); }
    public Tensor le(Tensor y) { return apply(BinaryOp.LE, 1, y); }
    public Tensor gt(Tensor y) { return apply(BinaryOp.GT, 1, y); }
    public Tensor ge(Tensor y) { return apply(BinaryOp.GE, 1, y); }

    public Tensor add(double s) { return apply(UnaryOp.ADD, s, 0); }
    public Tensor addInPlace(double s) { return applyInPlace(UnaryOp.ADD, s, 0); }
    public Tensor sub(double s) { return apply(UnaryOp.ADD, -s, 0); }
    public Tensor subInPlace(double s) { return applyInPlace(UnaryOp.ADD, -s, 0); }
    public Tensor mul(double s) { return apply(UnaryOp.MUL, s, 0); }
    public Tensor mulInPlace(double s) { return applyInPlace(UnaryOp.MUL, s, 0); }
    public Tensor div(double s) { return apply(UnaryOp.DIV, s, 0); }
    public Tensor divInPlace(double s) { return applyInPlace(UnaryOp.DIV, s, 0); }
    public Tensor pow(double s) { return apply(UnaryOp.POW, s, 0); }
    public Tensor powInPlace(double s) { return applyInPlace(UnaryOp.POW, s, 0); }
    public Tensor eq(double s) { return apply(UnaryOp.EQ, s, 0); }
    public Tensor ne(double s) { return apply(UnaryOp.NE, s, 0); }
    public Tensor lt(double s) { return apply(UnaryOp.LT, s, 0); }
    public Tensor le(double s) { return apply(UnaryOp.LE, s, 0); }
    public Tensor gt(double s) { return apply(UnaryOp.GT, s, 0); }
    public Tensor ge(double s) { return apply(UnaryOp.GE, s, 0); }

    public Tensor neg() { return apply(UnaryOp.NEG, 0, 0); }
    public Tensor negInPlace() { return applyInPlace(UnaryOp.NEG, 0, 0); }
    public Tensor abs() { return apply(UnaryOp.ABS, 0, 0); }
    public Tensor absInPlace() { return applyInPlace(UnaryOp.ABS, 0, 0); }
    public Tensor exp() { return apply(UnaryOp.EXP, 0, 0); }
    public Tensor expInPlace() { return applyInPlace(UnaryOp.EXP, 0, 0); }
    public Tensor log() { return apply(UnaryOp.LOG, 0, 0); }
    public Tensor logInPlace() { return applyInPlace(UnaryOp.LOG, 0, 0); }
    public Tensor sqrt() { return apply(UnaryOp.SQRT, 0, 0); }
    public Tensor sqrtInPlace() { return applyInPlace(UnaryOp.SQRT, 0, 0); }
    public Tensor tanh() { return apply(UnaryOp.TANH, 0, 0); }
    public Tensor tanhInPlace() { return applyInPlace(UnaryOp.TANH, 0, 0); }
    public Tensor sigmoid() { return apply(UnaryOp.SIGMOID, 0, 0); }
    public Tensor sigmoidInPlace() { return applyInPlace(UnaryOp.SIGMOID, 0, 0); }
    public Tensor relu() { return apply(UnaryOp.RELU, 0, 0); }
    public Tensor reluInPlace() { return applyInPlace(UnaryOp.RELU, 0, 0); }
    public Tensor square() { return apply(UnaryOp.SQUARE, 0, 0); }
    public Tensor reciprocal() { return apply(UnaryOp.RECIPROCAL, 0, 0); }
    public Tensor sign() { return apply(UnaryOp.SIGN, 0, 0); }
    /** min(max(x, lo), hi). */
    public Tensor clamp(double lo, double hi) { return apply(UnaryOp.CLAMP, lo, hi); }
    public Tensor clampInPlace(double lo, double hi) { return applyInPlace(UnaryOp.CLAMP, lo, hi); }

    /** cond != 0 ? x : y, all three broadcast together. */
    public static Tensor where(Tensor cond, Tensor x, Tensor y) { return Reductions.where(cond, x, y); }

    // ------------------------------------------------------------------ reductions

    /** Σ over all elements. */
    public double sum() { return Reductions.all(this, ReduceOp.SUM); }
    public double mean() { return sum() / numel(); }
    public double max() { return Reductions.all(this, ReduceOp.MAX); }
    public double min() { return Reductions.all(this, ReduceOp.MIN); }
    public double prod() { return Reductions.all(this, ReduceOp.PROD); }
    public double logsumexp() { return Reductions.all(this, ReduceOp.LOGSUMEXP); }
    /** Variance of all elements; unbiased (divides by n - 1) as Torch7's default. */
    public double var() { return Reductions.var(this.reshape(numel()), 0, true, false).item(); }
    /** p-norm of all elements, (Σ |x|^p)^(1/p); p = 2 is the Euclidean norm. */
    public double norm(double p) { return Reductions.norm(this.reshape(numel()), p, 0, false).item(); }
    /** Index (row-major) of the largest element; first on ties. */
    public int argmax() { return (int) Reductions.arg(this.reshape(numel()), true, 0, false).indices().item(); }
    public int argmin() { return (int) Reductions.arg(this.reshape(numel()), false, 0, false).indices().item(); }

    public Tensor sum(int dim) { return sum(dim, true); }
    public Tensor sum(int dim, boolean keepDim) { return Reductions.along(this, ReduceOp.SUM, dim, keepDim); }
    public Tensor mean(int dim) { return mean(dim, true); }
    public Tensor mean(int dim, boolean keepDim) {
        int n = sizes[checkDim("mean", dim, sizes.length)];
        return sum(dim, keepDim).divInPlace(n);
    }
    public Tensor prod(int dim, boolean keepDim) { return Reductions.along(this, ReduceOp.PROD, dim, keepDim); }
    public Tensor logsumexp(int dim) { return logsumexp(dim, true); }
    public Tensor logsumexp(int dim, boolean keepDim) { return Reductions.along(this, ReduceOp.LOGSUMEXP, dim, keepDim); }
    /** Largest values along {@code dim} and their (I32) indices. */
    public MaxMin max(int dim) { return max(dim, true); }
    public MaxMin max(int dim, boolean keepDim) { return Reductions.arg(this, true, dim, keepDim); }
    public MaxMin min(int dim) { return min(dim, true); }
    public MaxMin min(int dim, boolean keepDim) { return Reductions.arg(this, false, dim, keepDim); }
    /** I32 indices of the largest values along {@code dim}. */
    public Tensor argmax(int dim) { return max(dim, true).indices(); }
    public Tensor argmax(int dim, boolean keepDim) { return max(dim, keepDim).indices(); }
    public Tensor var(int dim) { return var(dim, true, true); }
    public Tensor var(int dim, boolean unbiased, boolean keepDim) { return Reductions.var(this, dim, unbiased, keepDim); }
    public Tensor norm(double p, int dim) { return norm(p, dim, true); }
    public Tensor norm(double p, int dim, boolean keepDim) { return Reductions.norm(this, p, dim, keepDim); }

    /** Values and I32 indices from {@link #max(int)} / {@link #min(int)}. */
    public record MaxMin(Tensor values, Tensor indices) {}

    // ------------------------------------------------------------------ linear algebra

    /** Matrix product of [m, k] and [k, n]. */
    public Tensor mm(Tensor b) { return LinAlg.mm(this, b); }
    /** beta · this + alpha · (a · b), new tensor (Torch7's {@code torch.addmm}). */
    public Tensor addmm(double beta, double alpha, Tensor a, Tensor b) { return LinAlg.addmm(clone(), beta, alpha, a, b); }
    /** this = beta · this + alpha · (a · b); returns this. */
    public Tensor addmmInPlace(double beta, double alpha, Tensor a, Tensor b) { return LinAlg.addmm(this, beta, alpha, a, b); }
    /** Matrix [m, n] times vector [n]. */
    public Tensor mv(Tensor v) { return LinAlg.mv(this, v); }
    /** beta · this + alpha · (m · v), new tensor. */
    public Tensor addmv(double beta, double alpha, Tensor m, Tensor v) { return LinAlg.addmv(clone(), beta, alpha, m, v); }
    public Tensor addmvInPlace(double beta, double alpha, Tensor m, Tensor v) { return LinAlg.addmv(this, beta, alpha, m, v); }
    /** beta · this + alpha · (v1 ⊗ v2), new tensor. */
    public Tensor addr(double beta, double alpha, Tensor v1, Tensor v2) { return LinAlg.addr(clone(), beta, alpha, v1, v2); }
    public Tensor addrInPlace(double beta, double alpha, Tensor v1, Tensor v2) { return LinAlg.addr(this, beta, alpha, v1, v2); }
    /** Batched matrix product of [B, m, k] and [B, k, n]. */
    public Tensor bmm(Tensor b) { return LinAlg.bmm(this, b); }
    /** Dot product of two 1-d tensors. */
    public double dot(Tensor b) { return LinAlg.dot(this, b); }

    // ------------------------------------------------------------------ indexing

    /** Slices of this tensor along {@code dim} picked by a 1-d I32 {@code index}. */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }
    /** out[i][j] = this[index[i][j]][j] (dim 0), this[i][index[i][j]] (dim 1), ...; index is I32. */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /** {@link #gather(int, Tensor)} into {@code out} (the index's shape, this dtype); returns out. */
    public Tensor gather(int dim, Tensor index, Tensor out) { return Indexing.gather(this, dim, index, out); }
    /** this[index[i][j]][j] += src[i][j] (dim 0), ...; returns this. */
    public Tensor scatterAddInPlace(int dim, Tensor index, Tensor src) { return Indexing.scatterAdd(this, dim, index, src); }
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return clone().scatterAddInPlace(dim, index, src); }

    // ------------------------------------------------------------------ printing

    /** Torch7-style printout: the values (elided when large), then {@code [F32 tensor of size 2x3]}. */
    @Override public String toString() { return TensorFormat.format(this); }

    // ------------------------------------------------------------------ internals

    static int checkDim(String op, int dim, int rank) {
        if (dim < 0 || dim >= rank) throw new IllegalArgumentException(op + ": dimension " + dim
                + " out of range for a " + rank + "-d tensor");
        return dim;
    }

    boolean sizesEqual(int[] s) { return Arrays.equals(sizes, s); }

    /** This tensor broadcast to {@code target} (a view), or this when already that shape. */
    Tensor expandTo(String op, int[] target) {
        if (Arrays.equals(sizes, target)) return this;
        int[] s = Shape.broadcast(op, sizes, target);
        if (!Arrays.equals(s, target)) throw new IllegalArgumentException(op + ": shape " + Arrays.toString(sizes)
                + " cannot be broadcast to " + Arrays.toString(target));
        return expand(target);
    }

    void sameBackend(String op, Tensor o) {
        if (o.backend != backend && !(storage instanceof HeapStorage && o.storage instanceof HeapStorage)) {
            throw new IllegalArgumentException(op + ": tensors on different back ends (" + backend.name() + ", "
                    + o.backend.name() + ")");
        }
    }

    void sameKind(String op, Tensor o) {
        sameBackend(op, o);
        if (o.dtype() != dtype()) throw new IllegalArgumentException(op + ": dtypes differ (" + dtype() + " "
                + Arrays.toString(sizes) + " and " + o.dtype() + " " + Arrays.toString(o.sizes) + "); convert with to(DType)");
    }

    /** Throws when this is a broadcast view (a stride-0 dimension of size > 1): writes to it would collide. */
    void checkWritable(String op) {
        for (int d = 0; d < sizes.length; d++) {
            if (strides[d] == 0 && sizes[d] > 1) throw new IllegalArgumentException(op + ": cannot write into a broadcast"
                    + " (expanded) view of shape " + Arrays.toString(sizes) + " with strides " + Arrays.toString(strides)
                    + "; clone() it first");
        }
    }

    /**
     * {@code in}, or a copy of it when its memory overlaps {@code out}'s other than element-for-element: a kernel
     * writing {@code out} in any order must never read an input element it has already overwritten.
     */
    static Tensor unaliased(Tensor in, Tensor out) {
        if (in.storage == out.storage && in.offset == out.offset && Arrays.equals(in.sizes, out.sizes)
                && Arrays.equals(in.strides, out.strides)) return in;
        return overlaps(in, out) ? in.clone() : in;
    }

    /** True when the memory spans of a and b (first to last element, in one storage) intersect. */
    static boolean overlaps(Tensor a, Tensor b) {
        if (a.storage != b.storage || a.numel() == 0 || b.numel() == 0) return false;
        long aHi = a.offset, bHi = b.offset;
        for (int d = 0; d < a.sizes.length; d++) aHi += (long) (a.sizes[d] - 1) * a.strides[d];
        for (int d = 0; d < b.sizes.length; d++) bHi += (long) (b.sizes[d] - 1) * b.strides[d];
        return !(aHi < b.offset || bHi < a.offset);
    }

    void checkOut(String op, Tensor out, int[] s) {
        if (!out.sizesEqual(s)) throw new IllegalArgumentException(op + ": out tensor has shape "
                + Arrays.toString(out.sizes) + ", expected " + Arrays.toString(s));
        if (out.dtype() != dtype()) throw new IllegalArgumentException(op + ": out tensor is " + out.dtype()
                + ", expected " + dtype());
        sameBackend(op, out);
        out.checkWritable(op);
    }

    private HeapStorage heap(String op) {
        if (storage instanceof HeapStorage h) return h;
        throw new UnsupportedOperationException(op + ": element access needs a heap tensor, this one is on " + backend.name());
    }

    private int index(String op, int[] idx) {
        if (idx.length != sizes.length) throw new IllegalArgumentException(op + ": " + idx.length
                + " indices for a tensor of shape " + Arrays.toString(sizes));
        int k = offset;
        for (int d = 0; d < idx.length; d++) {
            if (idx[d] < 0 || idx[d] >= sizes[d]) throw new IllegalArgumentException(op + ": index "
                    + Arrays.toString(idx) + " out of bounds for shape " + Arrays.toString(sizes));
            k += idx[d] * strides[d];
        }
        return k;
    }
}
