package jtorch.nn.layer;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Bilinear map of two inputs (Torch7's {@code nn.Bilinear}, the slides' 3-way multiplicative interaction):
 * y[b, k] = x1[b]ᵀ · W_k · x2[b] + b_k. Input the table {x1 [B, n1], x2 [B, n2]}; output [B, out]; parameters
 * {@code weight} W [out, n1, n2] and {@code bias} b [out] (optional). Initialised as Torch7: W, b ~ U(-1/√n1, 1/√n1).
 * Backward, with g = ∂L/∂y and g_k its column k: ∂L/∂x1 = Σ_k (g_k ∘ x2) · W_kᵀ, ∂L/∂x2 = Σ_k (g_k ∘ x1) · W_k,
 * ∂L/∂W_k += scale · (g_k ∘ x1)ᵀ · x2, ∂L/∂b += scale · Σ_batch g. One matrix product per output feature and pass.
 */
public class Bilinear extends Module {
    public static final ModuleType<Bilinear> TYPE = ModuleType.of("Bilinear", Bilinear.class,
            m -> ModuleArgs.of("inputSize1", m.n1, "inputSize2", m.n2, "outputSize", m.out, "bias", m.withBias),
            a -> new Bilinear(a.integer("inputSize1"), a.integer("inputSize2"), a.integer("outputSize"), a.bool("bias")));
    private final int n1, n2, out;
    private final boolean withBias;
    private Tensor t1, t2, ones2, onesB; // scratch [B, n1], [B, n2], ones [n2] and [B]

    public Bilinear(int inputSize1, int inputSize2, int outputSize) { this(inputSize1, inputSize2, outputSize, true); }

    public Bilinear(int inputSize1, int inputSize2, int outputSize, boolean withBias) {
        if (inputSize1 < 1 || inputSize2 < 1 || outputSize < 1) throw new IllegalArgumentException("Bilinear: sizes must"
                + " be positive, got " + inputSize1 + ", " + inputSize2 + " -> " + outputSize);
        n1 = inputSize1;
        n2 = inputSize2;
        out = outputSize;
        this.withBias = withBias;
        addParameter("weight", out, n1, n2);
        if (withBias) addParameter("bias", out);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** W [out, n1, n2]. */
    public Tensor weight() { return param("weight"); }
    /** ∂L/∂W [out, n1, n2]. */
    public Tensor gradWeight() { return grad("weight"); }
    /** b [out], or null without bias. */
    public Tensor bias() { return withBias ? param("bias") : null; }
    /** ∂L/∂b [out], or null without bias. */
    public Tensor gradBias() { return withBias ? grad("bias") : null; }

    /** Re-draws W and b from U(-1/√n1, 1/√n1) in place. */
    public Bilinear reset(Generator g) {
        double stdv = 1 / Math.sqrt(n1);
        weight().copy(Tensor.rand(g, out, n1, n2).mulInPlace(2 * stdv).subInPlace(stdv));
        if (withBias) bias().copy(Tensor.rand(g, out).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    @Override public Bilinear clone() { return (Bilinear) super.clone(); }

    private Tensor[] in(Activity input) {
        Table t = input.toTable(name());
        if (t.size() != 2) throw new IllegalArgumentException(name() + ": expected a table {x1 [B, " + n1 + "], x2 [B, "
                + n2 + "]}, got " + t.size() + " entries");
        Tensor x1 = t.get(0).toTensor(name() + " x1"), x2 = t.get(1).toTensor(name() + " x2");
        if (x1.dim() != 2 || x1.size(1) != n1 || x2.dim() != 2 || x2.size(1) != n2 || x1.size(0) != x2.size(0))
            throw new IllegalArgumentException(name() + ": expected x1 [B, " + n1 + "] and x2 [B, " + n2 + "], got "
                    + x1.shape() + " and " + x2.shape());
        int b = x1.size(0);
        t1 = reuse(t1, x1, b, n1);
        t2 = reuse(t2, x1, b, n2);
        if (ones2 == null || ones2.dtype() != x1.dtype() || ones2.backend() != x1.backend()) ones2 = x1.newZeros(n2).fillInPlace(1);
        if (onesB == null || onesB.size(0) != b || onesB.dtype() != x1.dtype() || onesB.backend() != x1.backend())
            onesB = x1.newZeros(b).fillInPlace(1);
        return new Tensor[] {x1, x2};
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] x = in(input);
        Tensor y = reuse(output, x[0], x[0].size(0), out), w = weight();
        for (int k = 0; k < out; k++) {
            t2.addmmInPlace(0, 1, x[0], w.select(0, k)).mulInPlace(x[1]);
            y.select(1, k).addmvInPlace(0, 1, t2, ones2);
        }
        if (withBias) y.addInPlace(bias());
        return y;
    }

    private Tensor gradOut(Activity gradOutput, int batch) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (g.dim() != 2 || g.size(0) != batch || g.size(1) != out) throw new IllegalArgumentException(name()
                + ": expected gradOutput [" + batch + ", " + out + "], got " + g.shape());
        return g;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] x = in(input);
        Tensor g = gradOut(gradOutput, x[0].size(0)), w = weight();
        Table gi = gradInput instanceof Table t && t.size() == 2 ? t : Table.of(Tensor.zeros(0), Tensor.zeros(0));
        Tensor g1 = reuse(gi.get(0), x[0], x[0].sizes()).fillInPlace(0), g2 = reuse(gi.get(1), x[1], x[1].sizes()).fillInPlace(0);
        for (int k = 0; k < out; k++) {
            Tensor gk = g.narrow(1, k, 1), wk = w.select(0, k);
            g1.addmmInPlace(1, 1, x[1].mul(gk, t2), wk.t());
            g2.addmmInPlace(1, 1, x[0].mul(gk, t1), wk);
        }
        gi.set(0, g1);
        gi.set(1, g2);
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor[] x = in(input);
        Tensor g = gradOut(gradOutput, x[0].size(0)), gw = gradWeight();
        for (int k = 0; k < out; k++) gw.select(0, k).addmmInPlace(1, scale, x[0].mul(g.narrow(1, k, 1), t1).t(), x[1]);
        if (withBias) gradBias().addmvInPlace(1, scale, g.t(), onesB);
    }

    @Override protected void clearOwnState() { t1 = t2 = ones2 = onesB = null; }

    @Override public String name() {
        return "Bilinear(" + n1 + " x " + n2 + " -> " + out + (withBias ? "" : ", without bias") + ")";
    }
}
