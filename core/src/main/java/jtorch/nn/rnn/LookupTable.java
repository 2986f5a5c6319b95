package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Embedding (Torch7's {@code nn.LookupTable}, PyTorch's {@code nn.Embedding}): y[..., :] = W[x[...], :]. Input: I32
 * class indices of any shape S, each in [0, nIndex); output S + [nOutput]. Parameter {@code weight} W [nIndex, nOutput],
 * initialised N(0, 1) as PyTorch does.
 * <p>Options: a padding index p (-1 for none) whose row is zero at initialisation and receives no gradient; a max-norm
 * m (0 for none): before each lookup every row that is looked up and whose {@code normType}-norm exceeds m is scaled in
 * place to norm m (as PyTorch's {@code max_norm}, factor m / (‖W_i‖ + 1e-7)).
 * <p>Backward: ∂L/∂W[i] += scale · Σ_{k : x_k = i, i ≠ p} g_k. The input gets no gradient (a zero I32 tensor of its
 * shape is returned).
 */
public class LookupTable extends Module {
    public static final ModuleType<LookupTable> TYPE = ModuleType.of("LookupTable", LookupTable.class,
            m -> ModuleArgs.of("nIndex", m.nIndex, "nOutput", m.nOutput, "paddingIndex", m.paddingIndex,
                    "maxNorm", m.maxNorm, "normType", m.normType),
            a -> new LookupTable(a.integer("nIndex"), a.integer("nOutput"), a.integer("paddingIndex"),
                    a.number("maxNorm"), a.number("normType")));
    private final int nIndex, nOutput, paddingIndex;
    private final double maxNorm, normType;

    public LookupTable(int nIndex, int nOutput) { this(nIndex, nOutput, -1, 0, 2); }

    /**
     * @param paddingIndex the row that stays zero and gets no gradient, or -1
     * @param maxNorm      rows looked up are renormalised to at most this norm, or 0 for no renormalisation
     * @param normType     the p of the p-norm for maxNorm (PyTorch's default 2)
     */
    public LookupTable(int nIndex, int nOutput, int paddingIndex, double maxNorm, double normType) {
        if (nIndex < 1 || nOutput < 1) throw new IllegalArgumentException("LookupTable: sizes must be positive, got "
                + nIndex + " -> " + nOutput);
        if (paddingIndex < -1 || paddingIndex >= nIndex) throw new IllegalArgumentException("LookupTable: padding index "
                + paddingIndex + " out of range [0, " + nIndex + ") (use -1 for none)");
        if (!(maxNorm >= 0) || !(normType > 0)) throw new IllegalArgumentException("LookupTable: maxNorm must be >= 0 "
                + "(0 for none) and normType > 0, got " + maxNorm + ", " + normType);
        this.nIndex = nIndex;
        this.nOutput = nOutput;
        this.paddingIndex = paddingIndex;
        this.maxNorm = maxNorm;
        this.normType = normType;
        addParameter("weight", nIndex, nOutput);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** W [nIndex, nOutput]. */
    public Tensor weight() { return param("weight"); }
    /** ∂L/∂W [nIndex, nOutput]. */
    public Tensor gradWeight() { return grad("weight"); }
    /** The padding index, or -1. */
    public int paddingIndex() { return paddingIndex; }

    /** Re-draws W ~ N(0, 1) in place, the padding row set to zero. */
    public LookupTable reset(Generator g) {
        weight().copy(Tensor.randn(g, nIndex, nOutput));
        if (paddingIndex >= 0) weight().select(0, paddingIndex).fillInPlace(0);
        return this;
    }

    @Override public LookupTable clone() { return (LookupTable) super.clone(); }

    /** The indices flattened to [n], checked to be I32 in range. */
    private Tensor indices(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dtype() != DType.I32) throw new IllegalArgumentException(name() + ": expected I32 class indices, got "
                + x.dtype() + " " + x.shape() + " (convert with x.to(DType.I32))");
        if (x.numel() == 0) return x.reshape(0);
        Tensor flat = x.reshape(x.numel());
        int lo = (int) flat.min(), hi = (int) flat.max();
        if (lo < 0 || hi >= nIndex) throw new IllegalArgumentException(name() + ": index value " + (lo < 0 ? lo : hi)
                + " out of range [0, " + nIndex + ") in input " + x.shape());
        return flat;
    }

    private int[] outSizes(Tensor x) {
        int[] s = java.util.Arrays.copyOf(x.sizes(), x.dim() + 1);
        s[x.dim()] = nOutput;
        return s;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name()), flat = indices(input), w = weight();
        renormLookedUp(flat);
        return w.indexSelect(0, flat).view(outSizes(x));
    }

    /**
     * With a max-norm, scales each row of W looked up by {@code flat} whose norm exceeds it to norm maxNorm (each row
     * once, however often used); without one, nothing.
     */
    void renormLookedUp(Tensor flat) {
        if (!(maxNorm > 0) || flat.numel() == 0) return;
        Tensor w = weight();
        Tensor used = w.newZeros(nIndex).scatterAddInPlace(0, flat, w.newZeros(flat.numel()).fillInPlace(1)).gt(0);
        Tensor norms = w.norm(normType, 1, false);
        Tensor over = norms.gt(maxNorm).mul(used);
        Tensor factor = w.newZeros(nIndex).fillInPlace(maxNorm).divInPlace(norms.add(1e-7));
        Tensor scale = Tensor.where(over.gt(0), factor, w.newZeros(nIndex).fillInPlace(1));
        w.mulInPlace(scale.view(nIndex, 1));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        gradOut(x, gradOutput);
        return reuse(gradInput, x, x.sizes());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = input.toTensor(name()), flat = indices(input), g = gradOut(x, gradOutput);
        int n = flat.numel();
        if (n == 0) return;
        Tensor src = g.reshape(n, nOutput).mul(scale);
        if (paddingIndex >= 0) src.mulInPlace(flat.eq(paddingIndex).to(src.dtype()).negInPlace().addInPlace(1).view(n, 1));
        gradWeight().scatterAddInPlace(0, flat.view(n, 1).expand(n, nOutput), src);
    }

    private Tensor gradOut(Tensor x, Activity gradOutput) {
        Tensor g = gradOutput.toTensor(name());
        if (!java.util.Arrays.equals(g.sizes(), outSizes(x))) throw new IllegalArgumentException(name()
                + ": expected gradOutput " + java.util.Arrays.toString(outSizes(x)) + " for input " + x.shape()
                + ", got " + g.shape());
        return g;
    }

    @Override public String name() {
        return "LookupTable(" + nIndex + " -> " + nOutput + (paddingIndex >= 0 ? ", padding " + paddingIndex : "")
                + (maxNorm > 0 ? ", maxNorm " + maxNorm + (normType != 2 ? ", p " + normType : "") : "") + ")";
    }
}
