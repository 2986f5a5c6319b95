package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * What the one-step cells ({@link RNNCell}, {@link LSTMCell}, {@link GRUCell}) share: PyTorch's parameter layout
 * {@code weight_ih} [G·H, I], {@code weight_hh} [G·H, H], {@code bias_ih} [G·H], {@code bias_hh} [G·H] (G gates of
 * width H stacked row-wise), initialised U(-1/√H, 1/√H) as PyTorch does, and the two projections
 * a = x · W_ihᵀ + b_ih and b = h · W_hhᵀ + b_hh with their gradients. Input: a table {x [B, I], h [B, H], ...}.
 */
public abstract class RecurrentCell extends Module {
    protected final int inputSize, hiddenSize, gates;
    protected final boolean withBias;
    private Tensor ones; // [B] of 1s for the bias gradients

    protected RecurrentCell(int inputSize, int hiddenSize, int gates, boolean withBias) {
        if (inputSize < 1 || hiddenSize < 1) throw new IllegalArgumentException(getClass().getSimpleName()
                + ": sizes must be positive, got " + inputSize + " -> " + hiddenSize);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gates = gates;
        this.withBias = withBias;
        addParameter("weight_ih", gates * hiddenSize, inputSize);
        addParameter("weight_hh", gates * hiddenSize, hiddenSize);
        if (withBias) {
            addParameter("bias_ih", gates * hiddenSize);
            addParameter("bias_hh", gates * hiddenSize);
        }
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Input features I. */
    public int inputSize() { return inputSize; }
    /** Hidden features H. */
    public int hiddenSize() { return hiddenSize; }
    /** W_ih [G·H, I]. */
    public Tensor weightIh() { return param("weight_ih"); }
    /** W_hh [G·H, H]. */
    public Tensor weightHh() { return param("weight_hh"); }
    /** b_ih [G·H], or null without bias. */
    public Tensor biasIh() { return withBias ? param("bias_ih") : null; }
    /** b_hh [G·H], or null without bias. */
    public Tensor biasHh() { return withBias ? param("bias_hh") : null; }

    @Override public RecurrentCell clone() { return (RecurrentCell) super.clone(); }

    /** Re-draws every parameter U(-1/√H, 1/√H) in place. */
    public RecurrentCell reset(Generator g) {
        double stdv = 1 / Math.sqrt(hiddenSize);
        for (Tensor w : parameters().weights())
            w.copy(Tensor.rand(g, w.sizes()).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    /** The table entries {x [B, I], h [B, H], (c [B, H])}, checked. */
    protected final Tensor[] inputs(Activity input, int n) {
        String names = n == 2 ? "{x [B, " + inputSize + "], h [B, " + hiddenSize + "]}"
                : "{x [B, " + inputSize + "], h [B, " + hiddenSize + "], c [B, " + hiddenSize + "]}";
        if (!(input instanceof Table t) || t.size() != n) throw new IllegalArgumentException(name() + ": expected a table "
                + names + ", got " + input);
        Tensor[] r = new Tensor[n];
        for (int i = 0; i < n; i++) r[i] = t.tensor(i);
        int b = r[0].dim() == 2 ? r[0].size(0) : -1;
        boolean ok = b >= 0 && r[0].size(1) == inputSize;
        for (int i = 1; i < n; i++) ok &= r[i].dim() == 2 && r[i].size(0) == b && r[i].size(1) == hiddenSize;
        if (!ok) {
            StringBuilder got = new StringBuilder();
            for (Tensor x : r) got.append(got.isEmpty() ? "" : ", ").append(x.shape());
            throw new IllegalArgumentException(name() + ": expected " + names + ", got {" + got + "}");
        }
        return r;
    }

    /** A gradOutput tensor checked to be [B, H]. */
    protected final Tensor hiddenGrad(Activity g, int batch, String what) {
        Tensor t = g.toTensor(name());
        if (t.dim() != 2 || t.size(0) != batch || t.size(1) != hiddenSize) throw new IllegalArgumentException(name()
                + ": expected " + what + " [" + batch + ", " + hiddenSize + "], got " + t.shape());
        return t;
    }

    /** x · W_ihᵀ + b_ih into {@code out} [B, G·H]. */
    protected final Tensor projectInput(Tensor x, Tensor out) {
        out.addmmInPlace(0, 1, x, weightIh().t());
        if (withBias) out.addInPlace(biasIh());
        return out;
    }

    /** h · W_hhᵀ + b_hh into {@code out} [B, G·H]. */
    protected final Tensor projectHidden(Tensor h, Tensor out) {
        out.addmmInPlace(0, 1, h, weightHh().t());
        if (withBias) out.addInPlace(biasHh());
        return out;
    }

    /** ∂L/∂W_ih += s · daᵀ x, ∂L/∂b_ih += s · Σ da; ∂L/∂W_hh += s · dbᵀ h, ∂L/∂b_hh += s · Σ db. */
    protected final void accumulate(Tensor x, Tensor h, Tensor da, Tensor db, double s) {
        grad("weight_ih").addmmInPlace(1, s, da.t(), x);
        grad("weight_hh").addmmInPlace(1, s, db.t(), h);
        if (withBias) {
            int b = x.size(0);
            if (ones == null || ones.size(0) != b || ones.dtype() != x.dtype()) ones = x.newZeros(b).fillInPlace(1);
            grad("bias_ih").addmvInPlace(1, s, da.t(), ones);
            grad("bias_hh").addmvInPlace(1, s, db.t(), ones);
        }
    }

    /** The gate block k (columns k·H .. (k+1)·H) of a [B, G·H] tensor, a view. */
    protected final Tensor gate(Tensor t, int k) { return t.narrow(1, k * hiddenSize, hiddenSize); }

    @Override protected void clearOwnState() { ones = null; }
}
