package jtorch.nn.attention;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Container;
import jtorch.nn.Module;
import jtorch.nn.activation.GELU;
import jtorch.nn.activation.ReLU;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Linear;
import jtorch.nn.norm.LayerNormalization;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * What {@link TransformerEncoderLayer} and {@link TransformerDecoderLayer} share: the feed-forward block
 * f(x) = linear2(dropout(act(linear1(x)))) on [T, B, E], residual sums into reused buffers, and the backward
 * bookkeeping: {@link #grad} runs a child's input gradient and records the call, and {@link #accGradParameters}
 * replays the recorded calls with the scale (so each child's parameter gradients use the gradOutput it saw).
 */
abstract class TransformerLayer extends Container {
    private record Call(int child, Activity input, Activity gradOutput) {}

    private List<Call> calls = new ArrayList<>();
    private boolean ready;
    private Tensor[] sums = new Tensor[8];
    /** The layer's configuration, as given to the constructor (and saved in model files). */
    final int d, heads, ffnSize;
    final double p, eps;
    final boolean normFirst, causal;

    /** Checks and keeps the configuration; {@code children} (from a model file) are adopted when not null. */
    TransformerLayer(int d, int heads, int ffn, double p, boolean normFirst, boolean causal, double eps,
                     List<Module> children, int childCount) {
        check(d, heads, ffn);
        this.d = d;
        this.heads = heads;
        this.ffnSize = ffn;
        this.p = p;
        this.normFirst = normFirst;
        this.causal = causal;
        this.eps = eps;
        if (children != null) {
            if (children.size() != childCount) throw new IllegalArgumentException(name() + ": expected " + childCount
                    + " children, got " + children.size());
            for (Module c : children) add(c);
        }
    }

    /** The saved arguments of a layer whose activation is child {@code activationChild}. */
    static java.util.Map<String, Object> args(TransformerLayer m, int activationChild) {
        return jtorch.nn.ModuleArgs.of("dModel", m.d, "nHead", m.heads, "dimFeedforward", m.ffnSize, "dropout", m.p,
                "gelu", activationName(m.get(activationChild)).equals("gelu"), "normFirst", m.normFirst,
                "causal", m.causal, "eps", m.eps);
    }

    /** The children of the feed-forward block: linear1, linear2, activation, dropout. */
    protected abstract int[] ffnChildren();

    static Module activation(String name) {
        return switch (name) {
            case "relu" -> new ReLU();
            case "gelu" -> new GELU();
            case "gelu_exact" -> new GELU(true);
            default -> throw new IllegalArgumentException("Transformer layer: activation must be \"relu\", \"gelu\" "
                    + "(the tanh form) or \"gelu_exact\" (the erf form), got \"" + name + "\"");
        };
    }

    static String activationName(Module m) { return m instanceof GELU ? "gelu" : "relu"; }

    static void check(int d, int heads, int ffn) {
        if (d < 1 || heads < 1 || d % heads != 0 || ffn < 1) throw new IllegalArgumentException("Transformer layer: "
                + "dModel must be a positive multiple of nHead and dimFeedforward positive, got " + d + ", " + heads
                + ", " + ffn);
    }

    /** A child Linear(in, out) (linear1: d to ffn, linear2: ffn to d). */
    static Linear linear(int in, int out) { return new Linear(in, out); }

    /** A child Linear(in, out), with or without bias. */
    static Linear linear(int in, int out, boolean bias) { return new Linear(in, out, bias); }

    static LayerNormalization norm(int d, double eps) { return new LayerNormalization(new int[] {d}, eps, true); }

    /** A child LayerNorm(d), its β left out without bias (PyTorch 2.1's {@code LayerNorm(d, eps, bias=False)}). */
    static LayerNormalization norm(int d, double eps, boolean bias) {
        return new LayerNormalization(new int[] {d}, eps, true, bias);
    }

    static Dropout dropout(double p) { return new Dropout(p); }

    /** A dropout child with p = 0 is skipped (identity), which saves drawing and applying an all-ones mask. */
    private boolean skipped(int child) { return get(child) instanceof Dropout dr && dr.p() == 0; }

    protected final Tensor fwd(int child, Activity x) {
        return (skipped(child) ? x : forwardChild(child, x)).toTensor(name());
    }

    /** Child's input gradient, recorded for {@link #accGradParameters}. */
    protected final Activity grad(int child, Activity input, Activity gradOutput) {
        if (skipped(child)) return gradOutput;
        Activity g = gradInputChild(child, input, gradOutput);
        calls.add(new Call(child, input, gradOutput));
        return g;
    }

    protected final Tensor gradT(int child, Activity input, Activity gradOutput) {
        return grad(child, input, gradOutput).toTensor(name());
    }

    /** a + b into the reused buffer {@code slot}. */
    protected final Tensor sum(int slot, Tensor a, Tensor b) {
        sums[slot] = reuse(sums[slot], a, a.sizes());
        return a.add(b, sums[slot]);
    }

    private Tensor h1, h1a, h1d, ffOut;

    /** The feed-forward block on x [T, B, E]; returns [T, B, E]. */
    protected final Tensor ffn(Tensor x) {
        int[] c = ffnChildren();
        Tensor x2 = x.reshape(x.size(0) * x.size(1), x.size(2));
        h1 = fwd(c[0], x2);
        h1a = fwd(c[2], h1);
        h1d = fwd(c[3], h1a);
        ffOut = fwd(c[1], h1d);
        return ffOut.view(x.sizes());
    }

    /** Its input gradient for x (the input of the last {@link #ffn}) given g [T, B, E]. */
    protected final Tensor ffnGrad(Tensor x, Tensor g) {
        int[] c = ffnChildren();
        Tensor x2 = x.reshape(x.size(0) * x.size(1), x.size(2));
        Tensor g2 = g.reshape(x2.sizes());
        Tensor gh = gradT(c[3], h1a, gradT(c[1], h1d, g2));
        return gradT(c[0], x2, gradT(c[2], h1, gh)).view(x.sizes());
    }

    /** The last {@link #ffn} output as [T, B, E] (like {@code like}). */
    protected final Tensor ffnOutput(Tensor like) { return ffOut.view(like.sizes()); }

    /** The buffer of {@link #sum} slot {@code slot}. */
    protected final Tensor sumBuffer(int slot) { return sums[slot]; }

    /** Subclasses compute the input gradient here (through {@link #grad}). */
    protected abstract Activity inputGrad(Activity input, Activity gradOutput);

    @Override public final Activity updateGradInput(Activity input, Activity gradOutput) {
        calls.clear();
        Activity g = inputGrad(input, gradOutput);
        ready = true;
        return g;
    }

    @Override public final void accGradParameters(Activity input, Activity gradOutput, double scale) {
        if (!ready) updateGradInput(input, gradOutput);
        for (Call c : calls) accGradChild(c.child(), c.input(), c.gradOutput(), scale, false);
        calls.clear();
        ready = false;
    }

    /** Called by subclasses at the start of each forward. */
    protected final void started() { ready = false; calls.clear(); }

    @Override protected void clearOwnState() {
        calls = new ArrayList<>();
        ready = false;
        sums = new Tensor[8];
        h1 = h1a = h1d = ffOut = null;
    }
}
